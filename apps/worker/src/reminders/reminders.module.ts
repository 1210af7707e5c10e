import { Module } from '@nestjs/common';
import { ReminderProcessor } from './reminder.processor';
import { ReminderScheduler } from './reminder.scheduler';

/** Lesson reminders, their reconciliation and the digests, over the core's services (docs/SCHEDULES.md). */
@Module({ providers: [ReminderProcessor, ReminderScheduler] })
export class ReminderWorkerModule {}
