/**
 * @module catalog/openapi/config — the config schema of an OpenAPI upstream (`transport: 'openapi'`):
 * a spec (file path or URL) turned into one tool per operation, called over plain HTTP.
 *
 * The common fields mirror `common` in catalog/server-config.ts exactly (same names, defaults, messages);
 * once that object is exported, spread it here instead of repeating it.
 */
import { z } from 'zod';
import { ValueOrSecretSchema } from '../secrets.js';
import { SERVER_ID_PATTERN } from '../types.js';

const DEFAULT_CALL_TIMEOUT_MS = 30_000; // 30 s: an upstream call slower than this is TG_UPSTREAM_TIMEOUT
const DEFAULT_CONNECT_TIMEOUT_MS = 15_000; // 15 s to load the spec and build its tools

const domain = z
  .string()
  .regex(/^(\*\.)?[a-z0-9.-]+$/i, 'expected a domain name such as api.slack.com or *.atlassian.net');

const common = {
  id: z.string().regex(SERVER_ID_PATTERN, 'expected a server id: lower-case letters, digits, _ and -, no dots'),
  title: z.string().optional(),
  description: z.string().optional(),
  owner: z.string().optional(),
  version: z.string().optional(),
  status: z.enum(['approved', 'pending', 'deprecated', 'blocked']).default('approved'),
  tags: z.array(z.string()).default([]),
  /** Domains the server reaches on the caller's behalf; the host of the API's base URL is implied. */
  egress: z.array(domain).default([]),
  /** New tools on an approved server are usable without review. */
  autoApproveNewTools: z.boolean().default(false),
  callTimeoutMs: z.number().int().positive().default(DEFAULT_CALL_TIMEOUT_MS),
  connectTimeoutMs: z.number().int().positive().default(DEFAULT_CONNECT_TIMEOUT_MS),
};

/** An http(s) URL or a file path (absolute, or relative to the gateway's working directory). */
const specSource = z.string().min(1, 'expected the path or URL of an OpenAPI spec');

export const OpenApiServerSchema = z
  .object({
    ...common,
    transport: z.literal('openapi'),
    /** The OpenAPI 3.x (or Swagger 2.0) document, JSON or YAML: a file path or an http(s) URL. */
    spec: specSource,
    /** Replaces the spec's `servers[0].url` (placeholders like `your-domain.atlassian.net`, staging hosts). */
    baseUrl: z.url().optional(),
    /** Sent with every call; values may be `env:`/`file:` references or embed `${env:X}` (resolved per call). */
    headers: z.record(z.string(), ValueOrSecretSchema).default({}),
  })
  .strict();

export type OpenApiServerConfig = z.infer<typeof OpenApiServerSchema>;

/** The server's declared egress plus the host of its base URL (config override, else the spec's server). */
export function openApiEgress(config: Pick<OpenApiServerConfig, 'egress' | 'baseUrl'>, specBaseUrl?: string): string[] {
  const domains = new Set(config.egress.map((d) => d.toLowerCase()));
  const base = config.baseUrl ?? specBaseUrl;
  if (base !== undefined) domains.add(new URL(base).hostname.toLowerCase());
  return [...domains];
}
