/**
 * @module src/http/serve-http — starts Streamable HTTP for a runtime and stops it gracefully:
 * sessions closed first, then the listener, then the gateway (which stops every upstream child).
 */
import type { AddressInfo } from 'node:net';
import { resolveSecret } from '../../catalog/secrets.js';
import { loadConfigFile } from '../config/load.js';
import { createMcpServer } from '../mcp/server.js';
import { adminRoutes } from './admin.js';
import type { Runtime } from '../runtime.js';
import { createHttpAuthenticator } from './authenticate.js';
import { createHttpApp } from './app.js';
import { AuthThrottle } from './auth-throttle.js';
import { metricsRoute } from './metrics-route.js';
import { createHostGuard, defaultAllowedHosts } from './guard.js';
import { SessionStore } from './sessions.js';

export interface HttpServer {
  readonly url: string;
  readonly port: number;
  readonly sessions: SessionStore;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly host?: string;
  readonly port?: number;
  /** The config file, for POST /admin/reload; absent with the built-in demo config. */
  readonly configPath?: string;
}

export async function startHttp(runtime: Runtime, overrides: StartOptions = {}): Promise<HttpServer> {
  const { listen } = runtime.config;
  const host = overrides.host ?? listen.host;
  const port = overrides.port ?? listen.port;
  const sessions = new SessionStore((principalOf) => createMcpServer(runtime.gateway, principalOf));
  let guard = createHostGuard(listen.allowedHosts, listen.allowedOrigins);
  // One throttle for /mcp, the admin API and /metrics: a guesser cannot switch doors.
  const authThrottle = new AuthThrottle(runtime.config.auth.failuresPerMinute, Date.now, (ip, waitMs) => {
    runtime.metrics.recordAuthFailure('throttled');
    runtime.audit.event({ kind: 'auth-throttled', ip, waitMs });
  });
  const app = createHttpApp({
    path: listen.path,
    bodyLimitBytes: listen.bodyLimitBytes,
    trustProxy: listen.trustProxy,
    guard: { check: (h, o) => guard.check(h, o) },
    authenticate: createHttpAuthenticator(runtime, host),
    onAuthFailure: (failure, ip) => {
      runtime.metrics.recordAuthFailure(failure.code);
      runtime.audit.event({ kind: 'auth-failure', code: failure.code, reason: failure.reason, ip });
    },
    authThrottle,
    sessions,
    readiness: () => ({ ready: runtime.gateway.isReady(), detail: { sessions: sessions.size } }),
    metricsRoute: metricsRoute({
      text: () => runtime.metrics.metricsText(),
      authThrottle,
      onAuthFailure: (ip) => {
        runtime.metrics.recordAuthFailure('TG_UNAUTHENTICATED');
        runtime.audit.event({ kind: 'auth-failure', code: 'TG_UNAUTHENTICATED', reason: 'wrong metrics key', route: '/metrics', ip });
      },
      ...(runtime.config.auth.metricsKey === undefined ? {} : { key: resolveSecret(runtime.config.auth.metricsKey) }),
    }),
    adminRoutes: adminRoutes(runtime, {
      adminKey: runtime.config.auth.adminKey === undefined ? undefined : resolveSecret(runtime.config.auth.adminKey),
      authThrottle,
      readConfig: overrides.configPath === undefined ? undefined : () => loadConfigFile(overrides.configPath)!.config,
    }),
  });
  await app.listen({ host, port });
  const actualPort = (app.server.address() as AddressInfo).port;
  // With port 0 the real port is known only now; the default Host allow-list must name it.
  if (listen.allowedHosts.length === 0) guard = createHostGuard(defaultAllowedHosts(host, actualPort), listen.allowedOrigins);
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${hostForUrl}:${actualPort}${listen.path}`,
    port: actualPort,
    sessions,
    async close() {
      await sessions.closeAll();
      await app.close();
    },
  };
}
