import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
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
import { SeedData } from './generate';

/** Rows per INSERT statement: well below PostgreSQL's 65,535 parameters for the widest table. */
const CHUNK_SIZE = 500;

/** The many-to-many table between coordinators and their regions. */
export const USER_REGION_TABLE = 'user_region';

/** The tables a seed fills; TRUNCATE … CASCADE also empties every table that refers to them. */
const SEEDED_ENTITIES = [
  Region,
  Organisation,
  OrganisationLocation,
  User,
  TeacherProfile,
  TeacherAvailabilityWindow,
  TeachingRequest,
  LessonBlock,
];

export type SeedProgress = (table: string, done: number, total: number) => void;

/** The database already holds marketplace data and no reset was asked for. */
export class SeedRefusedError extends Error {
  override readonly name = 'SeedRefusedError';
}

export interface WriteSeedOptions {
  /** The argon2 hash of the one demo password, shared by every seeded login. */
  passwordHash: string;
  /** Empty the marketplace tables first; otherwise refuse when organisations exist. */
  reset: boolean;
  onProgress?: SeedProgress;
}

/** Writes the whole data set in one transaction, with bulk inserts: all of it or nothing. */
export async function writeSeedData(
  dataSource: DataSource,
  data: SeedData,
  options: WriteSeedOptions,
): Promise<void> {
  const progress = options.onProgress ?? (() => undefined);
  await dataSource.transaction(async (manager) => {
    if (options.reset) await truncateMarketplace(manager);
    else await refuseWhenNotEmpty(manager);

    await insertInChunks(manager, Region, data.regions, 'regions', progress);
    await insertInChunks(manager, Organisation, data.organisations, 'organisations', progress);
    await insertInChunks(manager, OrganisationLocation, data.locations, 'locations', progress);
    const users = data.users.map(({ regionIds: _regionIds, ...user }) => ({
      ...user,
      passwordHash: options.passwordHash,
    }));
    await insertInChunks(manager, User, users, 'users', progress);
    const userRegions = data.users.flatMap((user) =>
      user.regionIds.map((regionId) => ({ user_id: user.id, region_id: regionId })),
    );
    await insertInChunks(manager, USER_REGION_TABLE, userRegions, 'coordinator regions', progress);
    await insertInChunks(manager, TeacherProfile, data.teachers, 'teachers', progress);
    await insertInChunks(manager, TeacherAvailabilityWindow, data.windows, 'availability windows', progress);
    await insertInChunks(manager, TeachingRequest, data.requests, 'requests', progress);
    await insertInChunks(manager, LessonBlock, data.blocks, 'lesson blocks', progress);
  });
}

async function truncateMarketplace(manager: EntityManager): Promise<void> {
  const tables = [
    ...SEEDED_ENTITIES.map((entity) => manager.connection.getMetadata(entity).tableName),
    USER_REGION_TABLE,
  ];
  await manager.query(
    `TRUNCATE TABLE ${tables.map((table) => manager.connection.driver.escape(table)).join(', ')} CASCADE`,
  );
}

async function refuseWhenNotEmpty(manager: EntityManager): Promise<void> {
  const organisations = await manager.count(Organisation);
  if (organisations > 0) {
    throw new SeedRefusedError(
      `The database already holds ${organisations} organisation(s), so nothing was seeded (a seed never adds to existing data). ` +
        'To replace ALL marketplace data with the demo data set, run: npm run seed -- --reset',
    );
  }
}

async function insertInChunks<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly QueryDeepPartialEntity<T>[],
  label: string,
  progress: SeedProgress,
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
    const chunk = rows.slice(start, start + CHUNK_SIZE);
    await manager.createQueryBuilder().insert().into(target).values(chunk).updateEntity(false).execute();
    progress(label, start + chunk.length, rows.length);
  }
  if (rows.length === 0) progress(label, 0, 0);
}
