import type { DataSource } from 'typeorm';

/** One hit's outcome, in milliseconds left (the throttler's storage turns them into seconds). */
export interface RateLimitHit {
  hits: number;
  windowLeftMs: number;
  blocked: boolean;
  blockLeftMs: number;
}

/**
 * The rate limits' counters in PostgreSQL (`rate_limit_counter`), for when there is no Redis: the
 * same rule as the Redis script, in one statement per hit, so concurrent API processes count alike.
 * While a key is blocked nothing is counted; otherwise a hit opens a window of `ttlMs` or counts in
 * the open one, and the hit past `limit` blocks the key for `blockMs`.
 */
export class RateLimitRepository {
  constructor(private readonly dataSource: DataSource) {}

  async hit(key: string, ttlMs: number, limit: number, blockMs: number): Promise<RateLimitHit> {
    const [row]: Array<{ hits: number; window_left_ms: number; blocked: boolean; block_left_ms: number }> =
      await this.dataSource.query(
        `INSERT INTO rate_limit_counter AS c (key, hits, window_ends_at, blocked_until)
         VALUES ($1, 1, now() + $2::float8 * interval '1 millisecond',
                 CASE WHEN 1 > $3::int THEN now() + $4::float8 * interval '1 millisecond' END)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN c.blocked_until > now() THEN c.hits
                       WHEN c.window_ends_at <= now() THEN 1 ELSE c.hits + 1 END,
           window_ends_at = CASE WHEN c.blocked_until > now() OR c.window_ends_at > now()
                                 THEN c.window_ends_at ELSE EXCLUDED.window_ends_at END,
           blocked_until = CASE
             WHEN c.blocked_until > now() THEN c.blocked_until
             WHEN (CASE WHEN c.window_ends_at <= now() THEN 1 ELSE c.hits + 1 END) > $3::int
               THEN now() + $4::float8 * interval '1 millisecond'
           END
         RETURNING hits,
           greatest(0, extract(epoch FROM window_ends_at - now()) * 1000)::float8 AS window_left_ms,
           coalesce(blocked_until > now(), false) AS blocked,
           greatest(0, coalesce(extract(epoch FROM blocked_until - now()) * 1000, 0))::float8 AS block_left_ms`,
        [key, ttlMs, limit, blockMs],
      );
    return {
      hits: row.hits,
      windowLeftMs: row.window_left_ms,
      blocked: row.blocked,
      blockLeftMs: row.block_left_ms,
    };
  }

  /** Forgets counters whose window and block have both ended. */
  async deleteExpired(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM rate_limit_counter
        WHERE window_ends_at < now() AND (blocked_until IS NULL OR blocked_until < now())`,
    );
  }
}
