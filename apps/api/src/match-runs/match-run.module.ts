import { Module } from '@nestjs/common';
import { MatchRunScheduleController } from './match-run-schedule.controller';
import { MatchRunScheduleService } from './match-run-schedule.service';
import { MatchRunController } from './match-run.controller';
import { MatchRunService } from './match-run.service';

@Module({
  controllers: [MatchRunController, MatchRunScheduleController],
  providers: [MatchRunService, MatchRunScheduleService],
})
export class MatchRunModule {}
