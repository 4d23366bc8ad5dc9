/**
 * @module src/config/schema — the shape of `toolgate.yaml`: strict zod, units in comments, defaults named.
 * Parsed once at start (see `load.ts`) and deep-frozen; policy is compiled from it in `src/policy/`.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { SecretRefSchema } from '../../catalog/secrets.js';
import { DomainSchema } from '../../catalog/server-common.js';
import { ServerConfigSchema } from '../../catalog/server-config.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;
export const DEFAULT_MCP_PATH = '/mcp';
export const DEFAULT_BODY_LIMIT_BYTES = 1_048_576; // 1 MiB: the largest JSON-RPC body accepted over HTTP
export const DEFAULT_DATA_DIR = '.toolgate';
export const DEFAULT_SEARCH_LIMIT = 8; // matches per search_tools call when the caller gives none
export const DEFAULT_AUDIT_ROTATE_BYTES = 67_108_864; // 64 MiB: the live audit file moves aside past this
export const DEFAULT_AUTH_FAILURES_PER_MINUTE = 30; // failed authentications per client address before 429
export const MAX_SEARCH_LIMIT = 50; // upper bound a caller may ask for

/** A tool id `<server>.<tool>` or a pattern of that form with `*` globs (src/policy/glob.ts), or a lone `*`. */
const TOOL_PATTERN = /^(\*|[a-z0-9*][a-z0-9_*-]*\.[^\s]+)$/;

const toolPattern = z.string().regex(TOOL_PATTERN, 'expected a tool pattern <server>.<tool> with * globs, e.g. jira.* or slack.delete_*');

/** Override keys are matched as tool patterns, so a key that is none (`search_issues`, `jira`) would never apply. */
function toolPatternKeys(overrides: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const key of Object.keys(overrides)) {
    if (!TOOL_PATTERN.test(key)) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'expected a tool id <server>.<tool> or a pattern with * globs as the key, e.g. jira.search_issues or jira.*' });
    }
  }
}

/** Every domain: the one allow-list entry that is not a domain name. */
const ANY_DOMAIN = '*';

/** An outbound allow-list entry, validated as server `egress` is (catalog/server-common.ts), or `*`. */
const allowDomain = z
  .string()
  .refine(
    (domain) => domain === ANY_DOMAIN || DomainSchema.safeParse(domain).success,
    'expected a domain such as api.slack.com, a wildcard such as *.atlassian.net, or * (no scheme, port or path)',
  );

const regexSource = z.string().refine((source) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}, 'expected a valid regular expression');

const positiveInt = z.number().int('expected a positive integer').positive('expected a positive integer');

/** An IP address or CIDR range of a reverse proxy; a range covering every address would make X-Forwarded-For spoofable. */
const proxyAddress = z.string().superRefine(function isProxyAddress(value, ctx) {
  const [address = '', prefix, extra] = value.split('/');
  const family = isIP(address);
  const bits = family === 4 ? 32 : 128;
  const length = prefix === undefined ? bits : /^\d+$/.test(prefix) ? Number(prefix) : -1;
  if (family === 0 || extra !== undefined || length < 0 || length > bits) {
    ctx.addIssue({ code: 'custom', message: 'expected an IP address or CIDR range of a reverse proxy, e.g. 10.0.0.5 or 10.0.0.0/8' });
  } else if (length === 0) {
    ctx.addIssue({ code: 'custom', message: 'a range of every address would let any client choose its X-Forwarded-For; name the proxies' });
  }
});

/** Per-consumer limits; anything omitted falls back to the gateway's defaults. */
export const LimitsSchema = z
  .object({
    rateLimitPerMinute: positiveInt.optional(), // tool calls per minute for the consumer, all tools together
    toolRateLimitPerMinute: positiveInt.optional(), // tool calls per minute for each single tool
    dailyQuota: positiveInt.optional(), // tool calls per UTC day
    concurrentExecutions: positiveInt.optional(), // executions the consumer runs at once; one more gets TG_BUSY
    callsPerExecution: positiveInt.optional(),
    concurrentCallsPerExecution: positiveInt.optional(),
    wallTimeMs: positiveInt.optional(), // ms per execution, awaits included
    cpuTimeMs: positiveInt.optional(), // ms of CPU per execution
    memoryMb: positiveInt.optional(), // MiB of isolate heap
    bytesPerCall: positiveInt.optional(), // bytes of one tool result
    bytesPerExecution: positiveInt.optional(), // bytes of all tool results in one execution
    consoleBytes: positiveInt.optional(), // bytes of console output kept per execution
    codeBytes: positiveInt.optional(), // bytes of code accepted per execution
  })
  .strict();

export const ToolOverrideSchema = z
  .object({
    /** Replaces the upstream description in search results and declarations. */
    description: z.string().optional(),
    /** Pinned parameters: removed from the declaration and forced on the host, whatever the code passes. */
    overrideParams: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const ConsumerSchema = z
  .object({
    consumer: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'expected a consumer name: letters, digits, _ . -'),
    allow: z
      .object({ toolGroups: z.array(z.string()).default([]), tools: z.array(toolPattern).default([]) })
      .strict()
      .optional(),
    deny: z
      .object({ toolGroups: z.array(z.string()).default([]), tools: z.array(toolPattern).default([]) })
      .strict()
      .optional(),
    outbound: z.object({ allowDomains: z.array(allowDomain).default([]) }).strict().optional(),
    limits: LimitsSchema.optional(),
    /** Keyed by tool id or pattern (`jira.*`); see src/policy/overrides.ts for how entries combine. */
    overrides: z.record(z.string(), ToolOverrideSchema).superRefine(toolPatternKeys).optional(),
    /** sha256 hashes (hex) of API keys; `toolgate keys create` adds to the key store in the data dir instead. */
    apiKeyHashes: z.array(z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 hex digits>')).optional(),
  })
  .strict();

export const ConfigSchema = z
  .object({
    listen: z
      .object({
        host: z.string().default(DEFAULT_HOST),
        port: z.number().int().min(0).max(65_535).default(DEFAULT_PORT),
        path: z.string().startsWith('/').default(DEFAULT_MCP_PATH),
        /** Host header values accepted (DNS-rebinding guard); derived from host:port when empty. */
        allowedHosts: z.array(z.string()).default([]),
        /** Origin header values accepted from browsers; none when empty. */
        allowedOrigins: z.array(z.string()).default([]),
        bodyLimitBytes: positiveInt.default(DEFAULT_BODY_LIMIT_BYTES),
        /**
         * Reverse proxies (addresses or CIDRs) whose X-Forwarded-For names the client: the address auth
         * throttling, audit events and the /metrics loopback rule see. None by default: the socket's peer.
         */
        trustProxy: z.array(proxyAddress).default([]),
      })
      .strict()
      .prefault({}),
    dataDir: z.string().default(DEFAULT_DATA_DIR),
    servers: z.array(ServerConfigSchema).default([]),
    toolGroups: z.record(z.string(), z.array(toolPattern)).default({}),
    consumers: z.array(ConsumerSchema).default([]),
    /** The consumer an stdio session runs as; without consumers, the built-in local consumer. */
    stdioConsumer: z.string().optional(),
    /** The execution pool shared by all consumers (sandbox/pool.ts defaults when omitted). */
    sandbox: z
      .object({
        maxConcurrentExecutions: positiveInt.optional(), // isolates running at once
        maxQueuedExecutions: z.number().int().min(0).optional(), // waiting beyond that; more get TG_BUSY
        maxQueueWaitMs: positiveInt.optional(), // ms an execution may wait for a slot before TG_BUSY
      })
      .strict()
      .prefault({}),
    /** Gateway-wide defaults for every consumer's limits. */
    limits: LimitsSchema.prefault({}),
    search: z
      .object({
        defaultLimit: positiveInt.max(MAX_SEARCH_LIMIT).default(DEFAULT_SEARCH_LIMIT),
      })
      .strict()
      .prefault({}),
    embedder: z
      .object({
        kind: z.enum(['auto', 'builtin', 'transformers']).default('auto'),
        model: z.string().default('Xenova/all-MiniLM-L6-v2'),
        modelDir: z.string().optional(),
        allowRemote: z.boolean().default(false),
        quantized: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    auth: z
      .object({
        jwt: z
          .object({
            /** Exactly one of jwksUrl (a remote JWKS) and jwksFile (a local JWKS document). */
            jwksUrl: z.url().optional(),
            jwksFile: z.string().min(1).optional(),
            issuer: z.string(),
            audience: z.string(),
            /** The claim whose value names the consumer. */
            consumerClaim: z.string().default('sub'),
          })
          .strict()
          .refine((jwt) => (jwt.jwksUrl === undefined) !== (jwt.jwksFile === undefined), 'needs exactly one of jwksUrl or jwksFile')
          .optional(),
        adminKey: SecretRefSchema.optional(),
        /** What a Prometheus scraper presents for /metrics; without it only loopback peers are served. */
        metricsKey: SecretRefSchema.optional(),
        /** Failed authentications one client address may make a minute (MCP and admin); past it, 429 before any check. */
        failuresPerMinute: positiveInt.default(DEFAULT_AUTH_FAILURES_PER_MINUTE),
      })
      .strict()
      .prefault({}),
    /** Masking of tool results before they enter the sandbox, and of audited arguments (src/redact). */
    redact: z
      .object({
        kinds: z.array(z.enum(['secret', 'email', 'card'])).default(['secret', 'email', 'card']),
        /** Extra patterns: a kind name (shown as [REDACTED:kind]) and a JavaScript regular expression. */
        patterns: z
          .array(z.object({ kind: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a kind: lower-case letters, digits, -'), pattern: regexSource }).strict())
          .default([]),
      })
      .strict()
      .prefault({}),
    audit: z
      .object({
        /** How tool arguments appear in the audit log: redacted values, or only their sha256. */
        args: z.enum(['redact', 'hash']).default('redact'),
        /** How the executed code appears in its execution record: redacted text (and its sha256), or only the hash. */
        code: z.enum(['redact', 'hash']).default('redact'),
        /** fsync after each record: survives power loss, not only SIGKILL, at one disk flush per record. */
        fsync: z.boolean().default(false),
        /** Rotate the live file at this size (bytes; 0 never): it moves aside as audit-<UTC time>.jsonl. */
        rotateBytes: z.number().int().min(0).default(DEFAULT_AUDIT_ROTATE_BYTES),
        /** Rotated files kept; older ones are deleted (0 keeps all, for retention handled outside). */
        keepFiles: z.number().int().min(0).default(0),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
export type ConsumerConfig = z.infer<typeof ConsumerSchema>;
export type LimitsConfig = z.infer<typeof LimitsSchema>;
