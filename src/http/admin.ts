/**
 * @module src/http/admin — the admin API, behind its own key (`auth.adminKey`, a secret reference):
 *   GET  /admin/catalog              every server: effective status, health, tool count, pending review
 *   GET  /admin/servers/:id          one server, with what changed since its tools were approved
 *   POST /admin/servers/:id/approve  approve its current definitions ({ "tools": [...] } for some only)
 *   POST /admin/reindex              re-list upstreams ({ "server": id } for one) and re-index changes
 *   POST /admin/reload               re-read the config file; a bad one keeps the running config (422)
 *   GET  /admin/audit                audit records, newest last (?consumer ?tool ?execution ?since ?limit)
 * Without an admin key configured, every admin route answers 404: the API does not exist.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dirname } from 'node:path';
import { DEFAULT_QUERY_LIMIT, queryAudit } from '../audit/query.js';
import { auditFiles } from '../audit/rotation.js';
import { ToolgateError } from '../errors.js';
import type { Config } from '../config/schema.js';
import type { Runtime } from '../runtime.js';
import { type AuthThrottle, replyThrottled } from './auth-throttle.js';
import { bearerMatches } from './bearer.js';

const ApproveBody = z.object({ tools: z.array(z.string()).optional() }).strict().optional();
const ReindexBody = z.object({ server: z.string().optional() }).strict().optional();
const AuditParams = z
  .object({
    consumer: z.string().optional(),
    tool: z.string().optional(),
    execution: z.string().optional(),
    since: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(DEFAULT_QUERY_LIMIT).optional(),
  })
  .strict();

export interface AdminOptions {
  readonly adminKey: string | undefined;
  /** Reads and validates the config file again (throws TG_CONFIG_INVALID when it is bad). */
  readonly readConfig: (() => Config) | undefined;
  /** Shared with the MCP endpoint: a wrong admin key counts as a failed authentication of that address. */
  readonly authThrottle?: AuthThrottle;
}

export function adminRoutes(runtime: Runtime, options: AdminOptions): (app: FastifyInstance) => void {
  return (app) => {
    if (options.adminKey === undefined) return;
    const expected = Buffer.from(options.adminKey);
    const guard = async (request: FastifyRequest, reply: FastifyReply) => {
      const wait = options.authThrottle?.refusal(request.ip) ?? 0;
      if (wait > 0) return replyThrottled(reply, wait);
      if (!bearerMatches(expected, request.headers.authorization)) {
        options.authThrottle?.failed(request.ip);
        runtime.metrics.recordAuthFailure('TG_UNAUTHENTICATED');
        runtime.audit.event({ kind: 'admin-auth-failure', route: request.url, ip: request.ip });
        return reply.code(401).header('WWW-Authenticate', 'Bearer realm="toolgate-admin"').send({ code: 'TG_UNAUTHENTICATED', message: 'admin key required' });
      }
    };
    const gateway = runtime.gateway;
    const known = (id: string) => gateway.servers().some((s) => s.meta.id === id);
    const notFound = (reply: FastifyReply, id: string) => reply.code(404).send({ code: 'TG_REQUEST_INVALID', message: `no server "${id}"` });

    app.get('/admin/catalog', { preHandler: guard }, async () => ({
      servers: gateway.servers().map((s) => ({ ...s, review: reviewCounts(gateway.diff(s.meta.id)) })),
    }));
    app.get<{ Params: { id: string } }>('/admin/servers/:id', { preHandler: guard }, async (request, reply) => {
      const state = gateway.servers().find((s) => s.meta.id === request.params.id);
      return state ? { ...state, diff: gateway.diff(state.meta.id) } : notFound(reply, request.params.id);
    });
    app.post<{ Params: { id: string } }>('/admin/servers/:id/approve', { preHandler: guard }, async (request, reply) => {
      const body = ApproveBody.safeParse(request.body ?? undefined);
      if (!body.success) return reply.code(400).send({ code: 'TG_REQUEST_INVALID', message: body.error.issues.map((i) => i.message).join('; ') });
      if (!known(request.params.id)) return notFound(reply, request.params.id);
      const approved = gateway.approve(request.params.id, body.data?.tools);
      runtime.audit.event({ kind: 'admin-approve', server: request.params.id, tools: body.data?.tools ?? 'all' });
      return { approved, now: gateway.diff(request.params.id) };
    });
    app.post('/admin/reindex', { preHandler: guard }, async (request, reply) => {
      const body = ReindexBody.safeParse(request.body ?? undefined);
      if (!body.success) return reply.code(400).send({ code: 'TG_REQUEST_INVALID', message: 'expected { "server"?: string }' });
      if (body.data?.server !== undefined && !known(body.data.server)) return notFound(reply, body.data.server);
      await gateway.reindex(body.data?.server);
      return { ok: true, servers: gateway.servers() };
    });
    app.get('/admin/audit', { preHandler: guard }, async (request, reply) => {
      const params = AuditParams.safeParse(request.query ?? {});
      if (!params.success) return reply.code(400).send({ code: 'TG_REQUEST_INVALID', message: params.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ') });
      const { consumer, tool, execution, since, limit } = params.data;
      try {
        // The directory the live audit log writes to: a reload's new dataDir applies only after a restart.
        const records = await queryAudit(auditFiles(dirname(runtime.audit.file)), {
          ...(consumer === undefined ? {} : { consumer }),
          ...(tool === undefined ? {} : { tool }),
          ...(execution === undefined ? {} : { executionId: execution }),
          ...(since === undefined ? {} : { since }),
          ...(limit === undefined ? {} : { limit }),
        });
        return { records };
      } catch (error) {
        if (error instanceof ToolgateError) return reply.code(400).send({ code: error.code, message: error.message });
        throw error;
      }
    });
    app.post('/admin/reload', { preHandler: guard }, async (_request, reply) => {
      if (!options.readConfig) return reply.code(409).send({ code: 'TG_REQUEST_INVALID', message: 'the gateway runs the built-in demo config: there is no file to reload' });
      try {
        const plan = await runtime.reload(options.readConfig());
        return { ok: true, added: plan.added.map((s) => s.id), removed: plan.removed, restarted: plan.changed.map((s) => s.id), restartNeeded: plan.restartNeeded };
      } catch (error) {
        if (error instanceof ToolgateError && error.code === 'TG_CONFIG_INVALID') {
          runtime.audit.event({ kind: 'config-reload-rejected', issues: error.data?.issues });
          return reply.code(422).send({ code: error.code, message: `${error.message}\nThe running config was kept.` });
        }
        throw error;
      }
    });
  };
}

function reviewCounts(diff: { added: readonly unknown[]; changed: readonly unknown[]; removed: readonly unknown[] }) {
  return { pendingNew: diff.added.length, pendingChanged: diff.changed.length, gone: diff.removed.length };
}
