/**
 * The login and link rate limits' counters when the queues run on PostgreSQL (no Redis): one row
 * per limit and client or account, shared by every API process as the Redis keys are. UNLOGGED:
 * counters of the last minutes or hour are not worth a write-ahead log, and a crash may empty them
 * (as a Redis restart without persistence would). No entity: only RateLimitRepository reads it.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class RateLimitCounters1798400000000 implements MigrationInterface {
  name = 'RateLimitCounters1798400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "rate_limit_counter" ("key" character varying(300) NOT NULL, "hits" integer NOT NULL, "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "blocked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_rate_limit_counter" PRIMARY KEY ("key"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_counter"`);
  }
}
