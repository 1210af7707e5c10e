export * from './clock-time';
export * from './enums';
export * from './subjects';
