import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@hybridmatch/database';
import { hashPassword } from '../../apps/api/src/auth/password';
import { SystemClock, today } from '@hybridmatch/domain';
import { MarketEligibility, marketEligibility } from './eligibility';
import { generateSeedData, SeedData } from './generate';
import { SeedProgress, writeSeedData } from './write';

export const DEFAULT_DEMO_PASSWORD = 'hybridmatch-demo';

/** The password of every seeded login: HM_DEMO_PASSWORD, or the documented default. */
export const demoPassword = (env: NodeJS.ProcessEnv = process.env) =>
  env.HM_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;

export interface SeedDatabaseOptions {
  databaseUrl: string;
  seed: number;
  reset: boolean;
  password: string;
  /** The demo clock's today (YYYY-MM-DD): the market is for the current or next school year. */
  today?: string;
  onProgress?: SeedProgress;
}

/** Today as the demo's clock sees it: HM_NOW (the product's clock setting) or the real date. */
export function demoToday(env: NodeJS.ProcessEnv = process.env): string {
  const clock = env.HM_NOW ? SystemClock.startingAt(new Date(env.HM_NOW)) : new SystemClock();
  return today(clock);
}

/**
 * Generates the data set for a seed and writes it into the (migrated) database. The password is
 * hashed once: argon2 is slow on purpose, and every demo login shares it.
 */
export async function seedDatabase(
  options: SeedDatabaseOptions,
): Promise<{ data: SeedData; seconds: number; eligibility: MarketEligibility }> {
  const started = performance.now();
  const data = generateSeedData(options.seed, options.today);
  const passwordHash = await hashPassword(options.password);
  const dataSource = await new DataSource(dataSourceOptions(options.databaseUrl)).initialize();
  try {
    await writeSeedData(dataSource, data, {
      passwordHash,
      reset: options.reset,
      onProgress: options.onProgress,
    });
    const seconds = (performance.now() - started) / 1000;
    const eligibility = await marketEligibility(dataSource, options.today ?? demoToday());
    return { data, seconds, eligibility };
  } finally {
    await dataSource.destroy();
  }
}
