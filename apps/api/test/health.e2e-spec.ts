import { TestContext } from '../../../test/support/test-context';

describe('health (e2e)', () => {
  it('is live and ready when PostgreSQL and Redis answer; /health answers as /health/ready', async () => {
    const ctx = await TestContext.create();
    try {
      await ctx.http.get('/health/live').expect(200, { status: 'ok', info: {}, error: {}, details: {} });
      for (const path of ['/health/ready', '/health']) {
        const response = await ctx.http.get(path).expect(200);
        expect(response.body.details).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
      }
    } finally {
      await ctx.close();
    }
  });

  it('stays live but answers 503 for readiness in the problem shape, naming Redis, when Redis is unreachable', async () => {
    // Port 1 on loopback: nothing listens there, so every connection is refused at once.
    const ctx = await TestContext.create({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      await ctx.http.get('/health/live').expect(200);
      for (const path of ['/health/ready', '/health']) {
        const response = await ctx.http.get(path).expect(503);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
        expect(response.body.detail).toContain('redis is down');
      }
    } finally {
      await ctx.close({ redisUnreachable: true });
    }
  });
});
