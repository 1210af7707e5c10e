import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './naming-strategy';

/**
 * Connection options without entities: enough to run migrations, and free of the domain imports
 * (so the test runner's global setup can load it without path aliases).
 */
export function migrationDataSourceOptions(url: string): DataSourceOptions & { type: 'postgres' } {
  return {
    type: 'postgres',
    url,
    migrations: [join(__dirname, '..', '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'typeorm_migration',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    // Failed queries reach the error filter, which logs them without their parameters (no personal data).
    logging: false,
  };
}
