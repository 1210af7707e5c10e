import { randomBytes } from 'node:crypto';
import { createPostgresBackend, Job, PostgresPoolConfig, Queue, Worker } from 'bullmq';
import { dropDatabase, ensureDatabase, withDatabase } from '@hybridmatch/database';
import { TEST_BASE_DATABASE_URL } from '../../../test/support/test-env';
import { waitFor } from '../../../test/support/wait-for';
import { migrateQueueTables } from './queue-backend';
import { QUEUE_SCHEMA } from './queue-backend-choice';

/**
 * The shortage-signals job has a priority so that queued match runs go first (docs/MATCH-RUNS.md):
 * BullMQ's PostgreSQL backend must take jobs without a priority before prioritised ones, as Redis
 * does.
 */
describe("BullMQ's PostgreSQL backend honours job priority", () => {
  const databaseUrl = withDatabase(TEST_BASE_DATABASE_URL, `hm_test_qprio_${randomBytes(4).toString('hex')}`);
  const connection: PostgresPoolConfig = { connectionString: databaseUrl, schema: QUEUE_SCHEMA, max: 2 };

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    await migrateQueueTables(databaseUrl);
  });
  afterAll(() => dropDatabase(databaseUrl));

  it('a worker takes the jobs without a priority first, then the prioritised ones, lowest first', async () => {
    const queue = new Queue('matching', { connection }, createPostgresBackend);
    // Added while no worker runs: signals first (priority 10), then two match runs (none), then priority 5.
    await queue.add('shortage-signals', { n: 1 }, { priority: 10 });
    await queue.add('match-run', { n: 2 });
    await queue.add('match-run', { n: 3 });
    await queue.add('shortage-signals', { n: 4 }, { priority: 5 });
    const taken: number[] = [];
    const worker = new Worker(
      'matching',
      (job: Job<{ n: number }>) => {
        taken.push(job.data.n);
        return Promise.resolve();
      },
      { connection, concurrency: 1 },
      createPostgresBackend,
    );
    try {
      await waitFor('the four jobs taken', () => taken.length === 4);
      expect(taken).toEqual([2, 3, 4, 1]);
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});
