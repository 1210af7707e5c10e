export * from './entities';
export * from './column-types';
export * from './data-source-options';
export * from './database.module';
export * from './naming-strategy';
export * from './admin/database-admin';
export * from './admin/schema-drift';
export * from './migration-options';
