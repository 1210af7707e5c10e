export * from './rule-book';
export * from './compliance';
