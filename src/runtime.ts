/**
 * @module src/runtime — builds a running gateway from a config: logger, catalog, embedder, index, sandbox,
 * policy, audit and metrics, wired together. The CLI, the tests and the benchmarks all start here.
 */
import { join, resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import { Catalog } from '../catalog/catalog.js';
import { selectEmbedder } from '../index/embedders/select.js';
import { createSearchIndex } from '../index/search-index.js';
import { createExecutor } from '../sandbox/executor.js';
import type { Config } from './config/schema.js';
import { Gateway } from './gateway/gateway.js';
import { compilePolicy, type CompiledPolicy } from './policy/compile.js';
import { createArgsValidator } from './policy/validate.js';
import { createRateLimiter } from './policy/limits.js';
import { createRedactor } from './redact/redact.js';
import { openAuditLog, type AuditLog } from './audit/log.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { type AuthResult, createAuthenticator } from './auth/authenticate.js';
import { createJwtVerifier } from './auth/jwt.js';
import { KeyStore } from './auth/keys.js';

export interface Runtime {
  readonly config: Config;
  readonly gateway: Gateway;
  readonly policy: CompiledPolicy;
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

/** Logs go to stderr, always: in stdio mode stdout carries the protocol. */
export function createLogger(level = process.env.TOOLGATE_LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: 'toolgate', level }, pino.destination({ fd: 2, sync: true }));
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger();
  const dataDir = resolve(config.dataDir);
  const policy = compilePolicy(config);
  const metrics = createMetrics();
  const audit = openAuditLog({ dataDir });
  const keys = new KeyStore(dataDir, {
    configHashes: config.consumers.flatMap((c) => (c.apiKeyHashes ?? []).map((hash) => ({ consumer: c.consumer, hash }))),
  });
  const jwt = config.auth.jwt ? createJwtVerifier(config.auth.jwt) : undefined;
  const authenticator = createAuthenticator({ keys, ...(jwt ? { jwt } : {}), hasConsumer: (name) => policy.consumers.has(name) });
  const { embedder, reason } = await selectEmbedder(config.embedder);
  logger.info({ embedder: embedder.id, reason }, 'embedder selected');
  const index = createSearchIndex({ embedder, dataDir: join(dataDir, 'index') });
  const catalog = new Catalog(config.servers);
  const executor = createExecutor({});
  const validator = createArgsValidator({ warn: (message, data) => logger.warn(data, message) });
  const limiter = createRateLimiter();
  const redact = createRedactor();
  const gateway = new Gateway({
    catalog,
    index,
    executor,
    policy,
    logger,
    defaultSearchLimit: config.search.defaultLimit,
    admit: (consumer, toolId) => limiter.check(consumer, toolId, policy.consumer(consumer).limits),
    validate: validator.validate,
    redact,
    audit,
    auditArgsMode: 'redact',
    metrics,
  });
  return {
    config,
    gateway,
    policy,
    logger,
    audit,
    metrics,
    keys,
    authenticate: (header) => authenticator.authenticate(header),
    async close() {
      await gateway.close();
      audit.close();
    },
  };
}
