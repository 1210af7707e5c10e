import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

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
    // `total` is each row's last column: deleting an object's last property is cheap and keeps its
    // shape, where a rest copy (`{ total, ...row }`) built every row again (a list's hot path).
    for (const row of rows) delete (row as Partial<typeof row>).total;
    return { rows, total };
  }
  const [{ total }]: Array<{ total: string }> = await db.query(
    `SELECT count(*) AS total ${sql.from}`,
    parameters,
  );
  return { rows: [], total: Number(total) };
}

/**
 * The same for a query builder whose joins never repeat a row (none, or many-to-one only): one
 * statement with the window count, where `getManyAndCount` sends a count query as well (and, with
 * `skip`/`take` over joins, a third for the distinct ids).
 */
export async function pageOfEntities<Entity extends ObjectLiteral>(
  builder: SelectQueryBuilder<Entity>,
  window: { skip: number; take: number },
): Promise<[Entity[], number]> {
  const { entities, raw } = await builder
    .clone()
    .addSelect('count(*) OVER ()', 'page_total')
    .offset(window.skip)
    .limit(window.take)
    .getRawAndEntities<{ page_total: string }>();
  if (entities.length > 0 || window.skip === 0) return [entities, Number(raw[0]?.page_total ?? 0)];
  return [[], await builder.getCount()];
}
