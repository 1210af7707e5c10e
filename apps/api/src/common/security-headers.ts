import type { FastifyInstance } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The security headers of a response: header name (lower case) to value. */
export type SecurityHeaders = Readonly<Record<string, string>>;

/**
 * The API's security headers, the docs and the server-rendered pages included. Swagger UI needs
 * inline styles and scripts; nothing is framed; HSTS takes effect where the API is served over TLS.
 */
export const API_SECURITY_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

/**
 * The Content-Security-Policy of a page whose scripts all come from this origin (the web app, the
 * queue dashboard): no inline script, no eval, nothing fetched elsewhere. Styles from this origin
 * and inline: Mantine and Bull Board write their themes as CSS variables in a `<style>` element
 * and set `style` attributes, which no nonce can cover.
 */
export const SAME_ORIGIN_PAGE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  // helmet's default would allow fonts from any https origin and data: URLs; neither page loads any.
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The headers helmet sets for `options`, worked out once. None of ours depends on the request (no
 * nonces), so the answer is the same for every response; `@fastify/helmet` built a new helmet
 * middleware and re-parsed the directives on every request (7–9 % of a small route's CPU).
 */
export function securityHeadersFor(options: HelmetOptions): SecurityHeaders {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return this;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  // Helmet 8 throws on a bad option rather than passing it to `next`.
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}

/** A route's own security headers (its `config.securityHeaders`), replacing the API's. */
export interface SecurityHeadersRouteConfig {
  securityHeaders?: SecurityHeaders;
}

/**
 * Sets the API's security headers on every response, registered before any route; a route may
 * name its own in `config.securityHeaders` (the web app's stricter Content-Security-Policy).
 */
export function addSecurityHeaders(fastify: FastifyInstance): void {
  const apiHeaders = securityHeadersFor(API_SECURITY_OPTIONS);
  fastify.addHook('onRequest', (request, reply, done) => {
    const config = request.routeOptions.config as SecurityHeadersRouteConfig | undefined;
    void reply.headers(config?.securityHeaders ?? apiHeaders);
    done();
  });
}
