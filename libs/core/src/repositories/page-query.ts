import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * One page of `SELECT <columns> <from> ORDER BY <orderBy>` and the total, in one statement: the
 * total rides on every row as a window count. Only a page past the end, which has no row to carry
 * it, costs a second (count) query. `parameters` are those `from` refers to as `$1`, `$2`, ….
 * `sums` names expressions to add up over every row of `from` (all pages), the same way: a window
 * sum on each row; they come back as numbers in `sums` (0 when nothing matches).
 */
export async function pageWithTotal<Row, Sum extends string = never>(
  db: Pick<EntityManager, 'query'>,
  sql: { columns: string; from: string; orderBy: string; sums?: Record<Sum, string> },
  parameters: unknown[],
  window: { skip: number; take: number },
): Promise<{ rows: Row[]; total: number; sums: Record<Sum, number> }> {
  const sums = Object.entries(sql.sums ?? {}) as Array<[Sum, string]>;
  const sumsOf = (row: Record<string, string | null> | undefined) =>
    Object.fromEntries(sums.map(([name]) => [name, Number(row?.[`sum_${name}`] ?? 0)])) as Record<
      Sum,
      number
    >;
  // The sums' columns: over the whole result beside each row of the page, or alone in the count.
  const sumColumns = (over: string) =>
    sums.map(([name, expression]) => `, sum(${expression})${over} AS "sum_${name}"`).join('');
  const rows: Array<Row & Record<string, string | null>> = await db.query(
    `SELECT ${sql.columns}${sumColumns(' OVER ()')}, count(*) OVER () AS total ${sql.from}
      ORDER BY ${sql.orderBy} LIMIT $${parameters.length + 1} OFFSET $${parameters.length + 2}`,
    [...parameters, window.take, window.skip],
  );
  if (rows.length > 0 || window.skip === 0) {
    const first = rows[0];
    const total = Number(first?.total ?? 0);
    const totals = sumsOf(first);
    // Each row drops its window columns by holding `undefined`, which JSON leaves out. `delete`
    // turned all but the first few rows of a page into slow dictionary-mode objects, and a rest
    // copy (`{ total, ...row }`) built every row again (a list's hot path).
    for (const row of rows) {
      for (const [name] of sums) (row as Record<string, unknown>)[`sum_${name}`] = undefined;
      (row as { total?: string }).total = undefined;
    }
    return { rows, total, sums: totals };
  }
  const [counted]: Array<Record<string, string | null>> = await db.query(
    `SELECT count(*) AS total${sumColumns('')} ${sql.from}`,
    parameters,
  );
  return { rows: [], total: Number(counted.total), sums: sumsOf(counted) };
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

/**
 * The `WHERE` conditions of list filters on one table's columns (alias `p`): each filter key's
 * `[column, type]` in `columns`; a value is compared with `=`, several with `= ANY`, each cast to
 * the column's type so its index serves. Pushes the values onto `parameters`.
 */
export function filterConditions<Key extends string>(
  filters: Array<Partial<Record<Key, string | string[]>>>,
  columns: Record<Key, [column: string, type: string]>,
  parameters: unknown[],
): string[] {
  return filters.flatMap((filter) =>
    (Object.entries(filter) as Array<[Key, string | string[]]>).map(([key, value]) => {
      parameters.push(value);
      const [column, type] = columns[key];
      return Array.isArray(value)
        ? `p.${column} = ANY($${parameters.length}::${type}[])`
        : `p.${column} = $${parameters.length}::${type}`;
    }),
  );
}
