import { Logger } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import type { AppConfig } from '@hybridmatch/config';
import { Metrics, metricsOfProcess } from './metrics';

export interface MetricsServerOptions {
  port: number;
  host: string;
  /** When set, a scrape must send `Authorization: Bearer <token>`. */
  token?: string;
}

export interface MetricsServer {
  /** Where Prometheus scrapes, e.g. `http://127.0.0.1:9464/metrics`. */
  url: string;
  close(): Promise<void>;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Serves `GET /metrics` (Prometheus text format) on a listener of its own, so metrics never share
 * the public port; with a token, only a caller that presents it gets an answer.
 */
export async function startMetricsServer(
  options: MetricsServerOptions,
  metrics: Metrics = metricsOfProcess(),
): Promise<MetricsServer> {
  const expected = options.token ? digest(`Bearer ${options.token}`) : undefined;
  const authorised = (request: IncomingMessage) =>
    !expected || timingSafeEqual(digest(request.headers.authorization ?? ''), expected);

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') return answer(response, 404, 'Not found\n');
    if (!authorised(request)) {
      response.setHeader('www-authenticate', 'Bearer');
      return answer(response, 401, 'A bearer token is required\n');
    }
    metrics.registry.metrics().then(
      (text) => answer(response, 200, text, metrics.registry.contentType),
      (error: unknown) =>
        answer(response, 500, `Collecting metrics failed: ${error instanceof Error ? error.message : ''}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function answer(response: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

/**
 * The entry points' one call: serves this process's metrics as configured (METRICS_PORT,
 * METRICS_HOST, METRICS_TOKEN) and logs where; a port that is taken stops the start with a clear message.
 */
export async function serveMetrics(config: AppConfig): Promise<MetricsServer> {
  const server = await startMetricsServer(config.metrics).catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      `Cannot serve metrics on ${config.metrics.host}:${config.metrics.port} (${error.code ?? error.message}); set METRICS_PORT to a free port`,
    );
  });
  new Logger('Metrics').log(
    `Prometheus metrics at ${server.url}${config.metrics.token ? ' (bearer token required)' : ''}`,
  );
  return server;
}
