import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where `redis-server` is on PATH, or undefined when it is not there. */
export function redisServerOnPath(path = process.env.PATH ?? ''): string | undefined {
  for (const folder of path.split(delimiter).filter(Boolean)) {
    const candidate = join(folder, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** Set to 1 where redis-server is missing on purpose (CI's zero-setup step hides it). */
export const NO_REDIS_BINARY = 'HM_NO_REDIS_BINARY';

/**
 * A describe block whose tests start and stop a redis-server of their own. Without one on PATH
 * they cannot run, and that is never silent: with HM_NO_REDIS_BINARY=1 (redis-server hidden on
 * purpose) one test in their place states why they did not run and checks it is so; without it,
 * one test fails and says how to install Redis. CI always has redis-server and runs them.
 */
export function describeWithRedisServer(name: string, tests: () => void): void {
  if (redisServerOnPath()) {
    describe(name, tests);
    return;
  }
  describe(name, () => {
    if (process.env[NO_REDIS_BINARY] === '1')
      it(`did not run: they start and stop a redis-server of their own, and none is on PATH (${NO_REDIS_BINARY}=1)`, () => {
        process.stderr.write(
          `\n"${name}" did not run: no redis-server on PATH to start and stop (${NO_REDIS_BINARY}=1 says it is hidden on purpose).\n`,
        );
        expect(redisServerOnPath()).toBeUndefined();
      });
    else
      it('needs redis-server on PATH (it starts and stops one of its own)', () => {
        throw new Error(
          `No redis-server on PATH: install Redis (apt-get install redis-server) to run "${name}", or set ${NO_REDIS_BINARY}=1 to have it reported as not run.`,
        );
      });
  });
}
