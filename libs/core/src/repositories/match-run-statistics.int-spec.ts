import { MatchRunRepository } from '@hybridmatch/core';
import { TestContext } from '../../../../test/support/test-context';
import { waitFor } from '../../../../test/support/wait-for';

/** On the real database: the planner statistics of the tables match runs write in bulk. */
describe('MatchRunRepository.refreshBulkStatistics', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const analysedAt = async (table: string): Promise<Date | null> => {
    const [row] = await ctx.db.query<Array<{ last_analyze: Date | null }>>(
      `SELECT last_analyze FROM pg_stat_user_tables WHERE relname = $1`,
      [table],
    );
    return row.last_analyze;
  };

  it('analyses a bulk-written table once it changed by more than the threshold, and not again until it changes', async () => {
    const repository = ctx.app.get(MatchRunRepository);
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    // Autovacuum, where it runs, would analyse the table on its own: this test's database leaves it to the method.
    await ctx.db.query(`ALTER TABLE notification SET (autovacuum_enabled = false)`);
    // 200 notifications written on one connection, whose statistics PostgreSQL is told to report at once.
    const session = ctx.db.createQueryRunner();
    await session.connect();
    try {
      await session.query(
        `INSERT INTO notification (recipient_user_id, kind, subject, body_text, dedupe_key)
         SELECT $1, 'proposal_new', 'Onderwerp', 'Tekst', 'statistics-' || n FROM generate_series(1, 200) AS n`,
        [coordinator.user.id],
      );
      await session.query(`SELECT pg_stat_force_next_flush()`);
    } finally {
      await session.release();
    }
    await waitFor('the inserts to show in the table statistics', async () => {
      const [row] = await ctx.db.query<Array<{ changed: string }>>(
        `SELECT n_mod_since_analyze AS changed FROM pg_stat_user_tables WHERE relname = 'notification'`,
      );
      return Number(row.changed) >= 200;
    });
    const before = await analysedAt('notification');

    expect(await repository.refreshBulkStatistics()).toContain('notification');
    const after = await analysedAt('notification');
    expect(after).not.toBeNull();
    expect(after!.getTime()).toBeGreaterThan(before?.getTime() ?? 0);
    // Analysed just now and unchanged since: left alone.
    expect(await repository.refreshBulkStatistics()).not.toContain('notification');
    expect(await analysedAt('notification')).toEqual(after);
  });
});
