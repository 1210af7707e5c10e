export * from './rule-book';
