/**
 * @module src/runtime — builds a running gateway from a config: logger, catalog, embedder, index, sandbox,
 * policy, audit and metrics, wired together. The CLI, the tests and the benchmarks all start here.
 */
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { Catalog } from '../catalog/catalog.js';
import { selectEmbedder } from '../index/embedders/select.js';
import { createSearchIndex } from '../index/search-index.js';
import { createExecutor } from '../sandbox/executor.js';
import type { Config } from './config/schema.js';
import { Approvals, serverPolicyInfo } from './gateway/approvals.js';
import { planReload, restartNeeded, type ReloadPlan } from './config/reload-plan.js';
import { blockedServerStates, runnableServers } from './config/runnable.js';
import { Gateway } from './gateway/gateway.js';
import { compilePolicy, type CompiledPolicy } from './policy/compile.js';
import { createArgsValidator } from './policy/validate.js';
import { createRateLimiter } from './policy/limits.js';
import { createRedactor } from './redact/redact.js';
import { openAuditLog, type AuditLog } from './audit/log.js';
import { callsToday } from './audit/usage.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { createLogger } from './logger.js';
import { type AuthResult, createAuthenticator } from './auth/authenticate.js';
import { createJwtVerifier } from './auth/jwt.js';
import { KeyStore } from './auth/keys.js';

/** What a reload did, and the changed settings it could not apply (see RESTART_ONLY_SETTINGS). */
export interface ReloadResult extends ReloadPlan {
  readonly restartNeeded: readonly string[];
}

export interface Runtime {
  config: Config;
  readonly gateway: Gateway;
  policy: CompiledPolicy;
  /**
   * Applies a new config without a restart: servers added, removed or restarted, policy replaced. The new
   * config is validated and compiled first; when that fails, it throws and the running config is untouched.
   */
  reload(next: Config): Promise<ReloadResult>;
  readonly logger: Logger;
  readonly audit: AuditLog;
  readonly metrics: Metrics;
  readonly keys: KeyStore;
  /** Bearer token → consumer (API key or JWT). */
  authenticate(header: string | undefined): Promise<AuthResult>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Where logs go; stderr by default (stdout is the MCP channel in stdio mode). */
  readonly logger?: Logger;
}

function authenticatorOf(config: Config, keys: KeyStore, policy: CompiledPolicy) {
  const jwt = config.auth.jwt ? createJwtVerifier(config.auth.jwt) : undefined;
  return createAuthenticator({ keys, ...(jwt ? { jwt } : {}), hasConsumer: (name) => policy.consumers.has(name) });
}

export async function createRuntime(initial: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger();
  const dataDir = resolve(initial.dataDir);
  // What a reload replaces; everything else lives as long as the process.
  let config = initial;
  let policy = compilePolicy(config);
  let serverInfo = serverPolicyInfo(config.servers);
  const metrics = createMetrics();
  const audit = openAuditLog({ dataDir, fsync: config.audit.fsync, rotateBytes: config.audit.rotateBytes, keepFiles: config.audit.keepFiles });
  const keys = new KeyStore(dataDir, {
    configHashes: config.consumers.flatMap((c) => (c.apiKeyHashes ?? []).map((hash) => ({ consumer: c.consumer, hash }))),
  });
  let authenticator = authenticatorOf(config, keys, policy);
  const { embedder, reason } = await selectEmbedder(config.embedder);
  logger.info({ embedder: embedder.id, reason }, 'embedder selected');
  const index = createSearchIndex({ embedder, dataDir: join(dataDir, 'index') });
  const catalog = new Catalog(runnableServers(config));
  const approvals = new Approvals(dataDir, (id) => serverInfo.get(id), (event) => {
    audit.event(event);
    metrics.recordCatalogEvent(event.kind, 'reason' in event ? event.reason : undefined);
    logger.info(event, event.kind);
  });
  // Daily quotas count on from the calls already audited today, so a restart does not reset them.
  const limiter = createRateLimiter({ usedToday: await callsToday(dataDir) });
  const validator = createArgsValidator({ warn: (message, data) => logger.warn(data, message) });
  const gateway = new Gateway({
    catalog,
    index,
    executor: createExecutor(config.sandbox),
    policy,
    logger,
    defaultSearchLimit: config.search.defaultLimit,
    admit: (consumer, toolId, server) => limiter.check(consumer, toolId, policy.consumer(consumer).limits, server),
    validate: validator.validate,
    redact: createRedactor(config.redact),
    audit,
    auditArgsMode: config.audit.args,
    auditCodeMode: config.audit.code,
    metrics,
    approvals,
    blocked: () => blockedServerStates(config),
  });

  const runtime: Runtime = {
    config,
    gateway,
    policy,
    logger,
    audit,
    metrics,
    keys,
    authenticate: (header) => authenticator.authenticate(header),
    async reload(next) {
      // Everything that can throw TG_CONFIG_INVALID runs before the first assignment: a rejected reload
      // leaves the running config, policy and authenticator exactly as they were.
      const nextPolicy = compilePolicy(next);
      const nextAuthenticator = authenticatorOf(next, keys, nextPolicy);
      const plan = { ...planReload(runnableServers(config), runnableServers(next)), restartNeeded: restartNeeded(config, next) };
      config = runtime.config = next;
      policy = runtime.policy = nextPolicy;
      serverInfo = serverPolicyInfo(next.servers);
      authenticator = nextAuthenticator;
      gateway.setPolicy(nextPolicy);
      await Promise.all(plan.removed.map((id) => catalog.removeServer(id)));
      // replaceServer diffs the new listing against the old one: unchanged tools are not re-embedded.
      await Promise.all([...plan.added.map((s) => catalog.addServer(s)), ...plan.changed.map((s) => catalog.replaceServer(s))]);
      const summary = { added: plan.added.map((s) => s.id), removed: plan.removed, restarted: plan.changed.map((s) => s.id), restartNeeded: plan.restartNeeded };
      audit.event({ kind: 'config-reloaded', ...summary });
      logger.info(summary, 'config reloaded');
      if (plan.restartNeeded.length > 0) logger.warn({ settings: plan.restartNeeded }, 'these changed settings take effect only after a restart');
      return plan;
    },
    async close() {
      await gateway.close();
      audit.close();
    },
  };
  return runtime;
}
