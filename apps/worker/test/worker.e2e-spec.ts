import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { dropDatabase, ensureDatabase } from '../../../libs/database/src';
import { QUEUES } from '../../../libs/queue/src';
import { deleteRedisPrefix, testConfig } from '../../../test/support/test-context';
import { startWorker } from '../src/main';

describe('worker process (e2e)', () => {
  it('boots and connects to PostgreSQL and Redis', async () => {
    const config = testConfig();
    await ensureDatabase(config.database.url, process.env.HM_TEST_TEMPLATE_DATABASE);
    const worker = await startWorker(config, { logger: false });
    try {
      const rows = await worker
        .get(DataSource)
        .query('SELECT count(*)::int AS migrations FROM typeorm_migration');
      expect(rows[0].migrations).toBeGreaterThan(0);
      const queue = worker.get<Queue>(getQueueToken(QUEUES.notifications));
      const client = (await queue.getBackend().client) as unknown as Pick<Redis, 'ping'>;
      expect(await client.ping()).toBe('PONG');
    } finally {
      await worker.close();
      await dropDatabase(config.database.url);
      await deleteRedisPrefix(config.redis.url, config.redis.queuePrefix);
    }
  });
});
