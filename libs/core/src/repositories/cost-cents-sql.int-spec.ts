import { Client } from 'pg';
import { costCents, costCentsSql } from '@hybridmatch/domain';
import { TEST_BASE_DATABASE_URL } from '../../../../test/support/test-env';

/**
 * The cost rule lives once, in libs/domain: `costCents` for one placement in TypeScript and
 * `costCentsSql` for the totals PostgreSQL adds up over a list. This holds the two equal on the
 * real PostgreSQL, for the amounts where rounding decides (a half cent, just under and over it) and
 * a spread of ordinary ones. It only evaluates expressions: no database is created or read.
 */
describe('costCentsSql computes what costCents computes', () => {
  const client = new Client({ connectionString: TEST_BASE_DATABASE_URL });

  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it('for every rate and minutes pair, halves of a cent included', async () => {
    const pairs: Array<[rate: number, minutes: number]> = [
      [1, 30], // 0.5 cent: rounds up to 1
      [1, 29], // 0.48 cent: 0
      [1, 31], // 0.52 cent: 1
      [3, 10], // 0.5 cent again
      [8501, 90], // 12,751.5 cents
      [7333, 45],
      [9999, 1],
      [12_345, 600],
      [0, 120],
      [6500, 0],
    ];
    for (let rate = 5000; rate <= 5030; rate++)
      for (const minutes of [15, 45, 50, 100]) pairs.push([rate, minutes]);

    const { rows } = await client.query<{ cents: string }>(
      `SELECT ${costCentsSql('pair.rate', 'pair.minutes')}::bigint AS cents
         FROM unnest($1::int[], $2::int[]) WITH ORDINALITY AS pair(rate, minutes, n) ORDER BY pair.n`,
      [pairs.map(([rate]) => rate), pairs.map(([, minutes]) => minutes)],
    );

    expect(rows.map((row) => Number(row.cents))).toEqual(
      pairs.map(([rate, minutes]) => costCents(rate, minutes)),
    );
    expect(costCents(1, 30)).toBe(1);
    expect(costCents(8501, 90)).toBe(12_752);
  });
});
