/**
 * @module src/http/app — Streamable HTTP on fastify: `/mcp` with sessions, `/healthz`, `/readyz`, `/metrics`.
 *
 * Request path: host/origin guard (403) → authentication (401 + WWW-Authenticate) → session lookup
 * (404 unknown session, 400 no session and not an initialize request) → the SDK transport.
 * Malformed JSON and oversize bodies become JSON-RPC errors; nothing a client sends stops the server.
 */
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type AuthResult, wwwAuthenticate } from '../auth/authenticate.js';
import { ERRORS } from '../errors.js';
import { type AuthThrottle, throttledAnswer } from './auth-throttle.js';
import type { HostGuard } from './guard.js';
import type { SessionStore } from './sessions.js';

/** JSON-RPC error codes used at the HTTP edge. */
const JSONRPC_PARSE_ERROR = -32700;
const JSONRPC_INVALID_REQUEST = -32600;
const JSONRPC_SERVER_ERROR = -32000;

export type Authenticator = (authorization: string | undefined) => Promise<AuthResult>;

export interface HttpAppOptions {
  readonly path: string;
  readonly bodyLimitBytes: number;
  /** Proxies whose X-Forwarded-For is believed (`listen.trustProxy`); none: the socket's peer is the client. */
  readonly trustProxy?: readonly string[];
  readonly guard: HostGuard;
  readonly authenticate: Authenticator;
  /** Failed authentications are audited as events. */
  readonly onAuthFailure?: (failure: Extract<AuthResult, { ok: false }>, ip: string) => void;
  /** Failed authentications per client address; past its rate, requests get 429 before any check. */
  readonly authThrottle?: AuthThrottle;
  readonly sessions: SessionStore;
  readonly readiness: () => { ready: boolean; detail: unknown };
  /** Mounts `GET /metrics` (src/http/metrics-route.ts). */
  readonly metricsRoute?: (app: FastifyInstance) => void;
  readonly adminRoutes?: (app: FastifyInstance) => void;
}

function rpcError(reply: FastifyReply, status: number, code: number, message: string, data?: unknown): FastifyReply {
  return reply
    .code(status)
    .type('application/json')
    .send({ jsonrpc: '2.0', error: { code, message, ...(data === undefined ? {} : { data }) }, id: null });
}

/** 429 with Retry-After for an address that failed authentication too often. */
function throttled(reply: FastifyReply, waitMs: number): FastifyReply {
  const { retryAfterSeconds, message } = throttledAnswer(waitMs);
  reply.header('Retry-After', String(retryAfterSeconds));
  return rpcError(reply, 429, JSONRPC_SERVER_ERROR, `TG_RATE_LIMITED: ${message}`, { code: 'TG_RATE_LIMITED', retryAfterMs: waitMs });
}

export function createHttpApp(options: HttpAppOptions): FastifyInstance {
  const trustProxy = options.trustProxy && options.trustProxy.length > 0 ? [...options.trustProxy] : false;
  const app = Fastify({ bodyLimit: options.bodyLimitBytes, logger: false, forceCloseConnections: true, trustProxy });
  const { path, guard, sessions } = options;

  app.addHook('onRequest', async (request, reply) => {
    const verdict = guard.check(request.headers.host, request.headers.origin);
    if (!verdict.ok) return rpcError(reply, 403, JSONRPC_SERVER_ERROR, verdict.reason);
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return rpcError(reply, 413, JSONRPC_INVALID_REQUEST, `Request body exceeds ${options.bodyLimitBytes} bytes.`);
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return rpcError(reply, 415, JSONRPC_INVALID_REQUEST, 'Content-Type must be application/json.');
    }
    if ((error.statusCode ?? 500) === 400) {
      return rpcError(reply, 400, JSONRPC_PARSE_ERROR, `Parse error: ${error.message}`);
    }
    return rpcError(reply, error.statusCode ?? 500, JSONRPC_SERVER_ERROR, ERRORS.TG_INTERNAL.summary);
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const { ready, detail } = options.readiness();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'starting', detail });
  });
  options.metricsRoute?.(app);
  options.adminRoutes?.(app);

  async function handleMcp(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    // A request on a live session is not a guess (session ids are random): a throttled address keeps its sessions.
    const liveSession = typeof request.headers['mcp-session-id'] === 'string' && sessions.has(request.headers['mcp-session-id']);
    const wait = liveSession ? 0 : (options.authThrottle?.refusal(request.ip) ?? 0);
    if (wait > 0) return throttled(reply, wait);
    const auth = await options.authenticate(request.headers.authorization);
    if (!auth.ok) {
      const status = ERRORS[auth.code].status;
      if (status === 401) reply.header('WWW-Authenticate', wwwAuthenticate(auth));
      if (status === 401) options.authThrottle?.failed(request.ip);
      options.onAuthFailure?.(auth, request.ip);
      return rpcError(reply, status, JSONRPC_SERVER_ERROR, `${auth.code}: ${auth.message}. ${ERRORS[auth.code].hint}`, { code: auth.code, reason: auth.reason });
    }
    const sessionId = request.headers['mcp-session-id'];
    let transport;
    if (typeof sessionId === 'string') {
      const session = sessions.get(sessionId);
      if (!session) return rpcError(reply, 404, JSONRPC_SERVER_ERROR, 'Session not found: initialize a new session.');
      if (session.consumer !== auth.consumer) return rpcError(reply, 403, JSONRPC_SERVER_ERROR, 'Session belongs to another consumer.');
      transport = session.transport;
    } else if (request.method === 'POST' && isInitializeRequest(request.body)) {
      if (!sessions.canOpen(auth.consumer)) return rpcError(reply, 503, JSONRPC_SERVER_ERROR, `TG_BUSY: ${ERRORS.TG_BUSY.summary}`, { code: 'TG_BUSY' });
      transport = await sessions.open(auth.consumer);
    } else {
      return rpcError(reply, 400, JSONRPC_INVALID_REQUEST, 'Bad Request: no valid mcp-session-id header; send an initialize request first.');
    }
    reply.hijack();
    await transport.handleRequest(request.raw, reply.raw, request.body);
    return undefined;
  }

  app.post(path, handleMcp);
  app.get(path, handleMcp);
  app.delete(path, handleMcp);
  return app;
}
