export * from './amsterdam-time';
export * from './days-off';
export * from './lesson-plan';
export * from './lesson-rules';
