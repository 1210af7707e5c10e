import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { AppConfig } from '../../../../libs/config/src';

const ROOT = path.resolve(__dirname, '../../../..');

export interface SpawnedWorker {
  child: ChildProcess;
  /** Everything the worker wrote (its pino log lines on stdout, errors on stderr). */
  output: () => string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

/**
 * The real worker entry point (`apps/worker/src/main.ts`) as a child process of the test, with the
 * test's database, queue and SMTP server, and its metrics on a free port.
 */
export function spawnWorker(config: AppConfig, env: NodeJS.ProcessEnv = {}): SpawnedWorker {
  const child = spawn(
    process.execPath,
    ['-r', './apps/worker/test/support/ts-register.js', 'apps/worker/src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: config.database.url,
        REDIS_URL: config.redis.url,
        QUEUE_PREFIX: config.redis.queuePrefix,
        QUEUE_BACKEND: config.queues.backend,
        JWT_SECRET: config.auth.jwtSecret,
        SMTP_URL: config.mail.smtpUrl,
        LOG_LEVEL: 'silent',
        METRICS_PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, output: () => output, exited };
}
