import { Module } from '@nestjs/common';
import { CalendarFeedController } from './calendar-feed.controller';

/** Private iCalendar feeds of lessons; the rules are `CalendarFeedService` in `@hybridmatch/core`. */
@Module({ controllers: [CalendarFeedController] })
export class CalendarFeedModule {}
