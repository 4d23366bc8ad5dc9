/**
 * @module src/http/metrics-route — `GET /metrics` (Prometheus text). The series name consumers, servers
 * and tools, so they are not for everyone: with `auth.metricsKey` set, a scraper presents it as
 * `Authorization: Bearer <key>`; without one, only clients on this machine (a loopback peer) are served.
 */
import type { FastifyInstance } from 'fastify';
import { type AuthThrottle, replyThrottled } from './auth-throttle.js';
import { bearerMatches } from './bearer.js';
import { isLoopbackPeer } from './guard.js';

export interface MetricsRouteOptions {
  readonly text: () => Promise<string>;
  /** The scraper's key (resolved secret); undefined: loopback peers only. */
  readonly key?: string;
  /** Shared with /mcp and the admin API: a wrong metrics key counts as a failed authentication. */
  readonly authThrottle?: AuthThrottle;
  readonly onAuthFailure?: (ip: string) => void;
}

export function metricsRoute(options: MetricsRouteOptions): (app: FastifyInstance) => void {
  const expected = options.key === undefined ? undefined : Buffer.from(options.key);
  return (app) => {
    app.get('/metrics', async (request, reply) => {
      const wait = expected === undefined ? 0 : (options.authThrottle?.refusal(request.ip) ?? 0);
      if (wait > 0) return replyThrottled(reply, wait);
      if (expected !== undefined && !bearerMatches(expected, request.headers.authorization)) {
        options.authThrottle?.failed(request.ip);
        options.onAuthFailure?.(request.ip);
        return reply
          .code(401)
          .header('WWW-Authenticate', 'Bearer realm="toolgate-metrics"')
          .send({ code: 'TG_UNAUTHENTICATED', message: 'metrics key required: send Authorization: Bearer <auth.metricsKey>' });
      }
      if (expected === undefined && !isLoopbackPeer(request.ip)) {
        return reply.code(403).send({
          code: 'TG_UNAUTHENTICATED',
          message: 'metrics are served to this machine only; set auth.metricsKey to let a remote scraper in',
        });
      }
      return reply.type('text/plain; version=0.0.4').send(await options.text());
    });
  };
}
