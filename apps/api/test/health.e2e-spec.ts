import { TestContext } from '../../../test/support/test-context';

describe('health (e2e)', () => {
  it('is up when PostgreSQL and Redis answer', async () => {
    const ctx = await TestContext.create();
    try {
      const response = await ctx.http.get('/health').expect(200);
      expect(response.body.details).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
    } finally {
      await ctx.close();
    }
  });

  it('answers 503 in the problem shape, naming Redis, when Redis is unreachable', async () => {
    // Port 1 on loopback: nothing listens there, so every connection is refused at once.
    const ctx = await TestContext.create({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const response = await ctx.http.get('/health').expect(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
      expect(response.body.detail).toContain('redis is down');
    } finally {
      await ctx.close({ redisUnreachable: true });
    }
  });
});
