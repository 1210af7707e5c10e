import { Module } from '@nestjs/common';
import { CalendarRepository } from './calendar.repository';

/**
 * Lessons, days off, reminders and calendar feeds: the services the API and the worker share.
 * No controllers here; `apps/api` adds the HTTP routes and access checks.
 */
@Module({
  providers: [CalendarRepository],
  exports: [CalendarRepository],
})
export class SchedulesModule {}
