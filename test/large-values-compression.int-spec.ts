import { TestContext } from './support/test-context';

/** The migrations' storage settings of the large values a match run writes, on the real database. */
describe('compression of the large JSON values', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('is lz4 where the server has it (a column type change keeps it), else the server default', async () => {
    const lz4 = await ctx.db.query<unknown[]>(
      `SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)`,
    );
    const columns = await ctx.db.query<Array<{ relation: string; column: string; compression: string }>>(
      `SELECT attrelid::regclass::text AS relation, attname AS column, attcompression AS compression
         FROM pg_attribute
        WHERE (attrelid, attname) IN (('match_run'::regclass, 'unfilled'), ('match_run'::regclass, 'shortage'),
                                      ('proposal'::regclass, 'explanation'), ('notification'::regclass, 'body_text'))
        ORDER BY 1, 2`,
    );
    const expected = lz4.length > 0 ? 'l' : '';
    expect(columns).toEqual([
      { relation: 'match_run', column: 'shortage', compression: expected },
      { relation: 'match_run', column: 'unfilled', compression: expected },
      { relation: 'notification', column: 'body_text', compression: expected },
      { relation: 'proposal', column: 'explanation', compression: expected },
    ]);
  });
});
