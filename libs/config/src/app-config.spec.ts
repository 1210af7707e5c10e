import { ConfigError, loadConfig } from './app-config';

const SECRET = 'x'.repeat(32);

describe('loadConfig', () => {
  it('fills documented defaults around the one required variable', () => {
    const config = loadConfig({ JWT_SECRET: SECRET });
    expect(config).toMatchObject({
      processRole: 'all',
      http: { port: 3000, publicUrl: 'http://localhost:3000' },
      database: { url: 'postgres://postgres@127.0.0.1:5432/hybridmatch', poolSize: 10 },
      redis: { url: 'redis://127.0.0.1:6379', queuePrefix: 'hm' },
      queues: { backend: 'redis' },
      auth: { jwtTtlSeconds: 900, loginRateLimitPerMinute: 10 },
      proposals: { expiryDays: 7 },
      metrics: { port: 9464, host: '127.0.0.1', token: undefined },
      shutdown: { timeoutMs: 25_000 },
    });
  });

  it('keeps metrics off the public listener and refuses a short metrics token', () => {
    const config = loadConfig({ JWT_SECRET: SECRET, METRICS_PORT: '9100', METRICS_TOKEN: 't'.repeat(16) });
    expect(config.metrics).toEqual({ port: 9100, host: '127.0.0.1', token: 't'.repeat(16) });
    expect(() => loadConfig({ JWT_SECRET: SECRET, METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN must be at least 16 characters long/,
    );
  });

  it('reads numbers and choices from strings', () => {
    const config = loadConfig({
      JWT_SECRET: SECRET,
      PORT: '8080',
      HM_PROCESS: 'worker',
      PROPOSAL_EXPIRY_DAYS: '3',
      QUEUE_BACKEND: 'postgres',
      DATABASE_POOL_SIZE: '4',
    });
    expect(config.database.poolSize).toBe(4);
    expect(config.http.port).toBe(8080);
    expect(config.queues.backend).toBe('postgres');
    expect(config.processRole).toBe('worker');
    expect(config.proposals.expiryDays).toBe(3);
  });

  it('starts the clock at HM_NOW when given, and refuses a date it cannot read', () => {
    expect(loadConfig({ JWT_SECRET: SECRET }).clock.startAt).toBeUndefined();
    expect(loadConfig({ JWT_SECRET: SECRET, HM_NOW: '2027-03-01' }).clock.startAt?.toISOString()).toBe(
      '2027-03-01T00:00:00.000Z',
    );
    expect(() => loadConfig({ JWT_SECRET: SECRET, HM_NOW: 'next tuesday' })).toThrow(
      /HM_NOW must be an ISO 8601/,
    );
  });

  it('refuses to start, listing every wrong variable with a clear message', () => {
    const attempt = () =>
      loadConfig({
        JWT_SECRET: 'short',
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        HM_PROCESS: 'both',
        DATABASE_POOL_SIZE: '0',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('JWT_SECRET must be at least 32 characters long');
      expect(problems).toContain('DATABASE_URL must be a postgres:// URL');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/HM_PROCESS/);
      expect(problems).toMatch(/DATABASE_POOL_SIZE/);
    }
  });

  it('requires JWT_SECRET', () => {
    expect(() => loadConfig({})).toThrow(/JWT_SECRET is required/);
  });
});
