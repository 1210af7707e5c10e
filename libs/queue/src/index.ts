export * from './queues';
export * from './redis-connection';
export * from './queue.module';
export * from './queue-ready';
export * from './queue-backend';
export * from './queue-backend-choice';
export * from './redis-prefix';
