import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, ValueTransformer } from 'typeorm';
import {
  LessonBlock,
  Organisation,
  OrganisationLocation,
  Region,
  TeacherAvailabilityWindow,
  TeacherProfile,
  TeachingRequest,
  User,
} from '@hybridmatch/database';
import { DEFAULT_SEED, generateSeedData, SeedRegion } from '../../scripts/seed/generate';
import { SEED_REGIONS } from '../../scripts/seed/places';
import { USER_REGION_TABLE } from '../../scripts/seed/write';

/**
 * A synthetic Netherlands for `npm run bench:national`: `copies` × 10 regions. National region
 * (copy g, seeded region r) holds region r of the demo data sets of ten seeds (DEFAULT_SEED + 10g
 * … + 10g + 9), so every region keeps real Dutch towns and distances and has ten times the demo
 * region's teachers and requests: with 10 copies, 100 regions, ~100,000 teachers and ~150,000
 * requests. Written seed by seed, each seed in one transaction, with set-based INSERTs (one
 * statement per 5,000 rows, the rows sent as one JSON parameter).
 */
export interface NationalData {
  /** The regions in the order the bench matches them: copy 1's ten, then copy 2's, … */
  regions: SeedRegion[];
  rows: Record<string, number>;
  teachers: number;
  requests: number;
  seconds: number;
}

export const SEEDS_PER_REGION = 10;

export async function writeNationalData(
  dataSource: DataSource,
  options: { copies: number; passwordHash: string; onSeed?: (done: number, total: number) => void },
): Promise<NationalData> {
  const started = performance.now();
  const regions: SeedRegion[] = [];
  const regionOf = new Map<string, string>(); // `${copy}/${seeded code}` → national region id
  for (let copy = 1; copy <= options.copies; copy++)
    for (const definition of SEED_REGIONS) {
      const region: SeedRegion = {
        id: randomUUID(),
        code: `${definition.code}-${copy}`,
        name: `${definition.name} ${copy}`,
        holidayRegion: definition.holidayRegion,
      };
      regions.push(region);
      regionOf.set(`${copy}/${definition.code}`, region.id);
    }
  await insertRows(dataSource.manager, Region, regions);

  const rows: Record<string, number> = { regions: regions.length };
  const count = (table: string, n: number) => (rows[table] = (rows[table] ?? 0) + n);
  const seeds = options.copies * SEEDS_PER_REGION;
  for (let index = 0; index < seeds; index++) {
    const copy = Math.floor(index / SEEDS_PER_REGION) + 1;
    const data = generateSeedData(DEFAULT_SEED + index);
    const national = new Map(data.regions.map((r) => [r.id, regionOf.get(`${copy}/${r.code}`)!]));
    // Logins must stay unique: seed 0 keeps the demo addresses (admin@hybridmatch.demo), the others get a prefix.
    const email = (address: string) => (index === 0 ? address : `n${index}.${address}`);
    const organisations = data.organisations.map((o) => ({ ...o, regionId: national.get(o.regionId)! }));
    const users = data.users.map(({ regionIds: _regionIds, ...user }) => ({
      ...user,
      email: email(user.email),
      passwordHash: options.passwordHash,
    }));
    const userRegions = data.users.flatMap((user) =>
      user.regionIds.map((regionId) => ({ user_id: user.id, region_id: national.get(regionId)! })),
    );
    const teachers = data.teachers.map((t) => ({ ...t, email: t.email === null ? null : email(t.email) }));
    await dataSource.transaction(async (manager) => {
      await insertRows(manager, Organisation, organisations);
      await insertRows(manager, OrganisationLocation, data.locations);
      await insertRows(manager, User, users);
      await insertRows(manager, USER_REGION_TABLE, userRegions);
      await insertRows(manager, TeacherProfile, teachers);
      await insertRows(manager, TeacherAvailabilityWindow, data.windows);
      await insertRows(manager, TeachingRequest, data.requests);
      await insertRows(manager, LessonBlock, data.blocks);
    });
    count('organisations', organisations.length);
    count('locations', data.locations.length);
    count('users', users.length);
    count('teachers', teachers.length);
    count('availability windows', data.windows.length);
    count('requests', data.requests.length);
    count('lesson blocks', data.blocks.length);
    options.onSeed?.(index + 1, seeds);
  }
  return {
    regions,
    rows,
    teachers: rows.teachers,
    requests: rows.requests,
    seconds: (performance.now() - started) / 1000,
  };
}

const ROWS_PER_STATEMENT = 5000;

/**
 * `INSERT … SELECT … FROM json_populate_recordset(…)`: PostgreSQL parses the rows, so a statement
 * carries thousands of rows with one parameter. Column names and value transformers come from the
 * entity's TypeORM metadata; columns the rows leave out get their defaults (a version column, 1).
 */
async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T> | string,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns =
    typeof target === 'string'
      ? Object.keys(rows[0]).map((key) => ({ key, name: key, to: (value: unknown) => value }))
      : manager.connection
          .getMetadata(target)
          .columns.filter((column) => column.isVersion || rows[0][column.propertyName] !== undefined)
          .map((column) => ({
            key: column.propertyName,
            name: column.databaseName,
            // TypeORM, not the schema, gives a version column its first value.
            to: (value: unknown) =>
              column.isVersion
                ? 1
                : [column.transformer ?? []]
                    .flat()
                    .reduce(
                      (v: unknown, transformer: ValueTransformer) => transformer.to(v) as unknown,
                      value,
                    ),
          }));
  const table = typeof target === 'string' ? target : manager.connection.getMetadata(target).tableName;
  const list = columns.map((column) => `"${column.name}"`).join(', ');
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows
      .slice(start, start + ROWS_PER_STATEMENT)
      .map((row) => Object.fromEntries(columns.map((column) => [column.name, column.to(row[column.key])])));
    await manager.query(
      `INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1)`,
      [JSON.stringify(chunk)],
    );
  }
}
