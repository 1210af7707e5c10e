export * from './calendar.repository';
export * from './schedule.error';
export * from './schedules.module';
