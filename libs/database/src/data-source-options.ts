import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { migrationDataSourceOptions } from './migration-options';

/**
 * The one place a PostgreSQL connection is described. The schema comes from migrations only:
 * `synchronize` is off everywhere. A later zero-setup mode (an embedded Postgres) plugs in here.
 */
/**
 * Bounds on waiting for the database (milliseconds; 0: none) and the pool's size. The application
 * sets them; scripts may not (10 connections, no bounds).
 */
export interface DatabaseTimeouts {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  connectTimeoutMs: number;
  poolSize?: number;
}

export function dataSourceOptions(url: string, timeouts?: DatabaseTimeouts): DataSourceOptions {
  return {
    ...migrationDataSourceOptions(url),
    entities: ENTITIES,
    extra: {
      max: timeouts?.poolSize ?? 10,
      application_name: 'hybridmatch',
      // A locked table or a database that does not answer must not hold every connection of the
      // pool: statements and lock waits end with an error (the API answers 503), and a request
      // waits at most connectionTimeoutMillis for a connection, new or from the pool.
      ...(timeouts && {
        ...(timeouts.statementTimeoutMs > 0 && { statement_timeout: timeouts.statementTimeoutMs }),
        ...(timeouts.lockTimeoutMs > 0 && { lock_timeout: timeouts.lockTimeoutMs }),
        connectionTimeoutMillis: timeouts.connectTimeoutMs,
        keepAlive: true,
      }),
    },
  };
}
