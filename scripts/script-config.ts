/** The few settings command-line scripts need, with the same defaults as the application. */
export function loadConfigForScripts(env: NodeJS.ProcessEnv = process.env): {
  databaseUrl: string;
  redisUrl: string;
} {
  return {
    databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/hybridmatch',
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
  };
}
