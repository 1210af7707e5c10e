import { ConfigError, loadConfig } from './app-config';

const SECRET = 'x'.repeat(32);

describe('loadConfig', () => {
  it('fills documented defaults around the one required variable', () => {
    const config = loadConfig({ JWT_SECRET: SECRET });
    expect(config).toMatchObject({
      processRole: 'all',
      http: { port: 3000, publicUrl: 'http://localhost:3000' },
      database: { url: 'postgres://postgres@127.0.0.1:5432/hybridmatch' },
      redis: { url: 'redis://127.0.0.1:6379', queuePrefix: 'hm' },
      auth: { jwtTtlSeconds: 900, loginRateLimitPerMinute: 10 },
      proposals: { expiryDays: 7 },
    });
  });

  it('reads numbers and choices from strings', () => {
    const config = loadConfig({
      JWT_SECRET: SECRET,
      PORT: '8080',
      HM_PROCESS: 'worker',
      PROPOSAL_EXPIRY_DAYS: '3',
    });
    expect(config.http.port).toBe(8080);
    expect(config.processRole).toBe('worker');
    expect(config.proposals.expiryDays).toBe(3);
  });

  it('refuses to start, listing every wrong variable with a clear message', () => {
    const attempt = () =>
      loadConfig({ JWT_SECRET: 'short', PORT: 'eighty', DATABASE_URL: 'mysql://x', HM_PROCESS: 'both' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('JWT_SECRET must be at least 32 characters long');
      expect(problems).toContain('DATABASE_URL must be a postgres:// URL');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/HM_PROCESS/);
    }
  });

  it('requires JWT_SECRET', () => {
    expect(() => loadConfig({})).toThrow(/JWT_SECRET is required/);
  });
});
