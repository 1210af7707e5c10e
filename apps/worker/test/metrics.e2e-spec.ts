import { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Notification, NotificationDeliveryStatus } from '../../../libs/database/src';
import { MetricsServer, startMetricsServer } from '../../../libs/metrics/src';
import { TestContext } from '../../../test/support/test-context';
import { startWorker } from '../src/main';
import { parsePrometheusText } from './support/prometheus-text';
import { SmtpTestServer } from '../../../test/support/smtp-test-server';
import { waitFor } from '../../../test/support/wait-for';

/**
 * The operator's view: after a real flow (a match run requested over HTTP, run by the worker, its
 * notifications e-mailed), the metrics listener answers only with the token and lists every named
 * series with the values that flow produced.
 */
describe('Prometheus metrics after a flow (e2e)', () => {
  const token = randomBytes(16).toString('hex');
  let smtp: SmtpTestServer;
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let metrics: MetricsServer;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    ctx = await TestContext.create({ SMTP_URL: smtp.url });
    worker = await startWorker(ctx.config, { logger: false });
    metrics = await startMetricsServer({ port: 0, host: '127.0.0.1', token });
  });

  afterAll(async () => {
    await metrics?.close();
    await worker?.close();
    await ctx?.close();
    await smtp?.close();
  });

  it('lists HTTP latency per route, queue depth, job durations, match-run phases, notification states and outbox lag', async () => {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    await ctx.newRequest(await ctx.newSchool(region.id));
    await ctx.newTeacherUser((await ctx.newCompany(region.id)).id);

    const run = await ctx.http
      .post('/api/match-runs')
      .set(coordinator.auth)
      .send({ regionId: region.id })
      .expect(202);
    await waitFor('the match run to succeed', async () => {
      const { body } = await ctx.http.get(`/api/match-runs/${run.body.id}`).set(coordinator.auth).expect(200);
      return body.status === 'succeeded' ? body : undefined;
    });
    const refused = await fetch(metrics.url);
    expect(refused.status).toBe(401);
    expect((await fetch(metrics.url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);

    const scrape = async () => {
      const response = await fetch(metrics.url, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      return parsePrometheusText(await response.text());
    };
    // The worker counts a job when BullMQ reports it completed, just after the row says "sent".
    const sentJob = { queue: 'notifications', job: 'send-notification', outcome: 'completed' };
    const { types, value } = await waitFor('an e-mail job of the run to be counted', async () => {
      const scraped = await scrape();
      return scraped.value('hm_job_duration_seconds_count', sentJob) ? scraped : undefined;
    });

    expect(types.get('hm_http_request_duration_seconds')).toBe('histogram');
    expect(
      value('hm_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/match-runs',
        status: '202',
      }),
    ).toBe(1);
    expect(
      value('hm_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/match-runs/:id',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1);

    expect(types.get('hm_queue_jobs')).toBe('gauge');
    for (const queue of ['matching', 'notifications', 'maintenance'])
      expect(value('hm_queue_jobs', { queue, state: 'waiting' })).toBeGreaterThanOrEqual(0);
    expect(value('hm_queue_jobs', { queue: 'matching', state: 'completed' })).toBeGreaterThanOrEqual(1);

    expect(types.get('hm_job_duration_seconds')).toBe('histogram');
    expect(
      value('hm_job_duration_seconds_count', { queue: 'matching', job: 'match-run', outcome: 'completed' }),
    ).toBe(1);
    expect(value('hm_job_duration_seconds_count', sentJob)).toBeGreaterThanOrEqual(1);
    expect(types.get('hm_job_failures_total')).toBe('counter');

    expect(types.get('hm_match_run_phase_duration_seconds')).toBe('histogram');
    for (const phase of ['load', 'engine', 'store', 'total'])
      expect(value('hm_match_run_phase_duration_seconds_count', { phase })).toBe(1);

    const sent = await ctx.db
      .getRepository(Notification)
      .countBy({ deliveryStatus: NotificationDeliveryStatus.Sent });
    expect(types.get('hm_notifications')).toBe('gauge');
    // More e-mails of the run may have gone out since the scrape, never fewer.
    expect(value('hm_notifications', { status: 'sent' })).toBeGreaterThanOrEqual(1);
    expect(value('hm_notifications', { status: 'sent' })).toBeLessThanOrEqual(sent);
    expect(types.get('hm_outbox_lag_seconds')).toBe('gauge');
    expect(value('hm_outbox_lag_seconds', {})).toBeGreaterThanOrEqual(0);

    expect(value('hm_process_resident_memory_bytes', {})).toBeGreaterThan(0);
  });
});
