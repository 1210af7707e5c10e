import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { migrationDataSourceOptions } from './migration-options';

/**
 * The one place a PostgreSQL connection is described. The schema comes from migrations only:
 * `synchronize` is off everywhere. A later zero-setup mode (an embedded Postgres) plugs in here.
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    ...migrationDataSourceOptions(url),
    entities: ENTITIES,
    extra: { max: 10, application_name: 'hybridmatch' },
  };
}
