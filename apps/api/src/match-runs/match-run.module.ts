import { Module } from '@nestjs/common';
import { MatchRunScheduleController } from './match-run-schedule.controller';
import { MatchRunScheduleService } from './match-run-schedule.service';
import { MatchRunController } from './match-run.controller';
import { MatchRunService } from './match-run.service';
import { ShortageSignalController } from './shortage-signal.controller';
import { ShortageSignalService } from './shortage-signal.service';

@Module({
  controllers: [MatchRunController, MatchRunScheduleController, ShortageSignalController],
  providers: [MatchRunService, MatchRunScheduleService, ShortageSignalService],
})
export class MatchRunModule {}
