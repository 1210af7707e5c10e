import { Inject, Injectable, Logger, Module, OnModuleDestroy } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@hybridmatch/config';
import { RateLimitRepository } from '@hybridmatch/core';
import { redisOptions } from '@hybridmatch/queue';

/**
 * One hit against a limit, atomically: counts in a window of `ttl` ms; past `limit` the key is
 * blocked for `blockDuration` ms (no further counting while blocked). Answers hits, ms left in the
 * window, blocked (0/1) and ms left of the block.
 */
const HIT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return { tonumber(redis.call('GET', KEYS[1]) or '0'), math.max(redis.call('PTTL', KEYS[1]), 0), 1, blocked }
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return { hits, left, 1, tonumber(ARGV[3]) }
end
return { hits, left, 0, 0 }
`;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const seconds = (ms: number) => Math.ceil(ms / 1000);

/**
 * When the counters' store does not answer, the request is let through (and logged): an outage of
 * the store must not lock everyone out of logging in.
 */
function letThrough(
  logger: Logger,
  error: unknown,
  throttlerName: string,
  ttl: number,
  store: 'Redis' | 'PostgreSQL',
): ThrottlerStorageRecord {
  logger.warn(
    { err: error, throttler: throttlerName },
    `Rate limit not checked: ${store} did not answer; the request is let through`,
  );
  return { totalHits: 0, timeToExpire: seconds(ttl), isBlocked: false, timeToBlockExpire: 0 };
}

/**
 * The rate limiter's counters in Redis, under the deployment's key prefix (`QUEUE_PREFIX`), so
 * every API process counts against the same limits. Should Redis not answer within a second, the
 * request is let through (and logged): a Redis outage must not lock everyone out of logging in.
 */
@Injectable()
export class RedisThrottlerStorage implements ClosableThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = `${config.redis.queuePrefix}:throttle:`;
    this.redis = new Redis({
      ...redisOptions(config.redis.url),
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
      lazyConnect: true,
    });
    this.redis.on('error', () => undefined);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}${throttlerName}:${key}`;
    try {
      const [totalHits, timeToExpire, isBlocked, timeToBlockExpire] = (await this.redis.eval(
        HIT,
        2,
        `${base}:hits`,
        `${base}:blocked`,
        ttl,
        limit,
        blockDuration || ttl,
      )) as [number, number, number, number];
      return {
        totalHits,
        timeToExpire: seconds(timeToExpire),
        isBlocked: isBlocked === 1,
        timeToBlockExpire: seconds(timeToBlockExpire),
      };
    } catch (error) {
      return letThrough(this.logger, error, throttlerName, ttl, 'Redis');
    }
  }

  private closed?: Promise<void>;

  /** Quits the connection (if it cannot, drops it), once however often it is called. */
  close(): Promise<void> {
    this.closed ??=
      this.redis.status === 'end'
        ? Promise.resolve()
        : this.redis.quit().then(
            () => undefined,
            () => this.redis.disconnect(),
          );
    return this.closed;
  }
}

/** The rate limiter's counters: the token the throttler module's factory injects. */
export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

/** A storage with what it holds open (a connection, a timer), which RateLimitStorageModule closes. */
export interface ClosableThrottlerStorage extends ThrottlerStorage {
  close(): Promise<void>;
}

/**
 * The rate limiter's counters in PostgreSQL, for when the queues run there and there is no Redis:
 * every API process counts against the same limits, as with Redis. Expired counters are deleted
 * every few minutes. A database that does not answer lets the request through (and is logged), as
 * Redis does; the login itself then fails on the database anyway.
 */
export class PostgresThrottlerStorage implements ClosableThrottlerStorage {
  private readonly logger = new Logger(PostgresThrottlerStorage.name);
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly counters: RateLimitRepository) {
    this.sweep = setInterval(() => {
      counters.deleteExpired().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'Expired rate-limit counters not deleted; next time');
      });
    }, SWEEP_INTERVAL_MS).unref();
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const hit = await this.counters.hit(`${throttlerName}:${key}`, ttl, limit, blockDuration || ttl);
      return {
        totalHits: hit.hits,
        timeToExpire: seconds(hit.windowLeftMs),
        isBlocked: hit.blocked,
        timeToBlockExpire: seconds(hit.blockLeftMs),
      };
    } catch (error) {
      return letThrough(this.logger, error, throttlerName, ttl, 'PostgreSQL');
    }
  }

  close(): Promise<void> {
    clearInterval(this.sweep);
    return Promise.resolve();
  }
}

const SWEEP_INTERVAL_MS = 5 * 60_000;

/**
 * Provides the storage to the throttler module's factory, and closes it on shutdown: Redis, shared
 * by every API process; with the queues on PostgreSQL (no Redis at all) PostgreSQL, shared the same
 * way. The module closes it, not the storage's own hook: the throttler module provides the same
 * instance again under its ThrottlerStorage token, so Nest would call that hook twice, and a second
 * QUIT on the closing connection fell back to `disconnect()`, whose 2-second timer kept the process
 * (and jest) from exiting.
 */
@Module({
  providers: [
    {
      provide: RATE_LIMIT_STORAGE,
      inject: [APP_CONFIG, getDataSourceToken()],
      useFactory: (config: AppConfig, dataSource: DataSource): ClosableThrottlerStorage =>
        config.queues.backend === 'redis'
          ? new RedisThrottlerStorage(config)
          : new PostgresThrottlerStorage(new RateLimitRepository(dataSource)),
    },
  ],
  exports: [RATE_LIMIT_STORAGE],
})
export class RateLimitStorageModule implements OnModuleDestroy {
  constructor(@Inject(RATE_LIMIT_STORAGE) private readonly storage: ClosableThrottlerStorage) {}

  onModuleDestroy(): Promise<void> {
    return this.storage.close();
  }
}
