import { Module } from '@nestjs/common';
import { SchedulesModule } from '@hybridmatch/schedules';
import { HolidayController } from './holiday.controller';
import { HolidayService } from './holiday.service';

@Module({
  imports: [SchedulesModule],
  controllers: [HolidayController],
  providers: [HolidayService],
})
export class HolidayModule {}
