export * from './clock';
export * from './clock-time';
export * from './enums';
export * from './subjects';
export * from './proposal-state-machine';
export * from './schedule';
export * from './rates';
export * from './rules';
