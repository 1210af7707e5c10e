import type { EntityManager } from 'typeorm';

/**
 * One page of `SELECT <columns> <from> ORDER BY <orderBy>` and the total, in one statement: the
 * total rides on every row as a window count. Only a page past the end, which has no row to carry
 * it, costs a second (count) query. `parameters` are those `from` refers to as `$1`, `$2`, ….
 */
export async function pageWithTotal<Row>(
  db: Pick<EntityManager, 'query'>,
  sql: { columns: string; from: string; orderBy: string },
  parameters: unknown[],
  window: { skip: number; take: number },
): Promise<{ rows: Row[]; total: number }> {
  const rows: Array<Row & { total: string }> = await db.query(
    `SELECT ${sql.columns}, count(*) OVER () AS total ${sql.from}
      ORDER BY ${sql.orderBy} LIMIT $${parameters.length + 1} OFFSET $${parameters.length + 2}`,
    [...parameters, window.take, window.skip],
  );
  if (rows.length > 0 || window.skip === 0) {
    const total = Number(rows[0]?.total ?? 0);
    return { rows: rows.map(({ total: _total, ...row }) => row as Row), total };
  }
  const [{ total }]: Array<{ total: string }> = await db.query(
    `SELECT count(*) AS total ${sql.from}`,
    parameters,
  );
  return { rows: [], total: Number(total) };
}
