import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const PROCESS_ROLES = ['all', 'api', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];
/** Where BullMQ keeps the queues: Redis (the default), or its PostgreSQL backend in DATABASE_URL. */
export const QUEUE_BACKENDS = ['redis', 'postgres'] as const;
export type QueueBackend = (typeof QUEUE_BACKENDS)[number];

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/** The environment variables HybridMatch reads. Each one is documented in README.md. */
class EnvironmentVariables {
  @IsOptional()
  @IsIn(PROCESS_ROLES)
  HM_PROCESS: ProcessRole = 'all';

  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '0.0.0.0';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/hybridmatch';

  /** The longest a single SQL statement may run (0: no limit). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 30_000;

  /** The longest a statement waits for a row or table lock (0: no limit). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  DATABASE_LOCK_TIMEOUT_MS = 5_000;

  /** The longest a request waits for a database connection: a new one, or a free one from the pool. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_CONNECT_TIMEOUT_MS = 5_000;

  /** Connections each process keeps to PostgreSQL (times the processes: mind max_connections). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_SIZE = 10;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @IsOptional()
  @Matches(/^[a-z0-9-]+$/, { message: 'QUEUE_PREFIX may hold only a-z, 0-9 and -' })
  QUEUE_PREFIX = 'hm';

  @IsOptional()
  @IsIn(QUEUE_BACKENDS, { message: 'QUEUE_BACKEND must be redis or postgres' })
  QUEUE_BACKEND: QueueBackend = 'redis';

  @IsString({ message: 'JWT_SECRET is required (at least 32 characters); `npm run demo` generates one' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET!: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_TTL_SECONDS = 900;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_RATE_LIMIT_PER_MINUTE = 10;

  /** Login and reset requests per account (e-mail address) per hour, whichever address they come from. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_ACCOUNT_RATE_LIMIT_PER_HOUR = 30;

  /**
   * The reverse proxies whose `X-Forwarded-For` is believed: comma-separated addresses or CIDR
   * ranges (or `loopback`, `linklocal`, `uniquelocal`). Empty: none; the client is the socket's peer.
   */
  @IsOptional()
  @Matches(
    /^$|^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?))*$/,
    {
      message:
        'TRUSTED_PROXIES must be comma-separated IP addresses or CIDR ranges (or loopback, linklocal, uniquelocal)',
    },
  )
  TRUSTED_PROXIES = '';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24)
  SESSION_HOURS = 10;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  LINK_RATE_LIMIT_PER_MINUTE = 120;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsOptional()
  @IsString()
  MAIL_FROM = 'HybridMatch <noreply@hybridmatch.local>';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  PROPOSAL_EXPIRY_DAYS = 7;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 9464;

  @IsOptional()
  @IsString()
  METRICS_HOST = '127.0.0.1';

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters long' })
  METRICS_TOKEN?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 25_000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(120)
  MATCH_TIME_LIMIT_SECONDS = 20;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'HM_NOW must be an ISO 8601 date or instant (e.g. 2027-03-01)' })
  HM_NOW?: string;
}

export interface AppConfig {
  processRole: ProcessRole;
  environment: 'development' | 'test' | 'production';
  /** `trustedProxies`: whose X-Forwarded-For names the client (empty: nobody's). */
  http: { port: number; host: string; publicUrl: string; trustedProxies: string[] };
  database: {
    url: string;
    /** Milliseconds; 0 means no limit. */
    statementTimeoutMs: number;
    lockTimeoutMs: number;
    connectTimeoutMs: number;
    poolSize: number;
  };
  redis: { url: string; queuePrefix: string };
  /** `postgres`: BullMQ's PostgreSQL backend in the `bullmq` schema of DATABASE_URL; Redis is not used. */
  queues: { backend: QueueBackend };
  auth: {
    jwtSecret: string;
    jwtTtlSeconds: number;
    loginRateLimitPerMinute: number;
    /** Login and reset requests per e-mail address per hour, from any address. */
    loginAccountRateLimitPerHour: number;
    /** How long a sign-in lasts through refresh tokens (a working day). */
    sessionHours: number;
    /** Uses of single-use links (invite, password reset) per client per minute. */
    linkRateLimitPerMinute: number;
  };
  log: { level: string };
  mail: { smtpUrl: string; from: string };
  proposals: { expiryDays: number };
  /** Prometheus metrics: on their own listener (never the public port), optionally behind a bearer token. */
  metrics: { port: number; host: string; token?: string };
  /** How long a stopping process waits for the work in flight before it exits anyway. */
  shutdown: { timeoutMs: number };
  /** Seconds a match run's exact solve (MIP) may take before it keeps its best answer and bound. */
  matching: { timeLimitSeconds: number };
  /** When set, the product's clock starts at this instant (demo "as of" another date). */
  clock: { startAt?: Date };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once, at boot, into a typed object; throws listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const vars = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(vars, { whitelist: false });
  if (errors.length > 0) {
    throw new ConfigError(errors.flatMap((error) => Object.values(error.constraints ?? {})));
  }
  return {
    processRole: vars.HM_PROCESS,
    environment: vars.NODE_ENV,
    http: {
      port: vars.PORT,
      host: vars.HOST,
      publicUrl: vars.PUBLIC_URL.replace(/\/$/, ''),
      trustedProxies: vars.TRUSTED_PROXIES.split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    },
    database: {
      url: vars.DATABASE_URL,
      statementTimeoutMs: vars.DATABASE_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: vars.DATABASE_LOCK_TIMEOUT_MS,
      connectTimeoutMs: vars.DATABASE_CONNECT_TIMEOUT_MS,
      poolSize: vars.DATABASE_POOL_SIZE,
    },
    redis: { url: vars.REDIS_URL, queuePrefix: vars.QUEUE_PREFIX },
    queues: { backend: vars.QUEUE_BACKEND },
    auth: {
      jwtSecret: vars.JWT_SECRET,
      jwtTtlSeconds: vars.JWT_TTL_SECONDS,
      loginRateLimitPerMinute: vars.LOGIN_RATE_LIMIT_PER_MINUTE,
      loginAccountRateLimitPerHour: vars.LOGIN_ACCOUNT_RATE_LIMIT_PER_HOUR,
      sessionHours: vars.SESSION_HOURS,
      linkRateLimitPerMinute: vars.LINK_RATE_LIMIT_PER_MINUTE,
    },
    log: { level: vars.LOG_LEVEL },
    mail: { smtpUrl: vars.SMTP_URL, from: vars.MAIL_FROM },
    proposals: { expiryDays: vars.PROPOSAL_EXPIRY_DAYS },
    metrics: { port: vars.METRICS_PORT, host: vars.METRICS_HOST, token: vars.METRICS_TOKEN },
    shutdown: { timeoutMs: vars.SHUTDOWN_TIMEOUT_MS },
    matching: { timeLimitSeconds: vars.MATCH_TIME_LIMIT_SECONDS },
    clock: { startAt: vars.HM_NOW ? new Date(vars.HM_NOW) : undefined },
  };
}
