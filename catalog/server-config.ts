/**
 * @module catalog/server-config — the config schema of one upstream server (strict zod, parsed once).
 */
import { z } from 'zod';
import { ValueOrSecretSchema } from './secrets.js';
import { SERVER_ID_PATTERN } from './types.js';

const DEFAULT_CALL_TIMEOUT_MS = 30_000; // 30 s: an upstream call slower than this is TG_UPSTREAM_TIMEOUT
const DEFAULT_CONNECT_TIMEOUT_MS = 15_000; // 15 s to connect and list tools

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
  /** Domains the server reaches on the caller's behalf; an HTTP upstream's host is implied. */
  egress: z.array(domain).default([]),
  /** New tools on an approved server are usable without review. */
  autoApproveNewTools: z.boolean().default(false),
  callTimeoutMs: z.number().int().positive().default(DEFAULT_CALL_TIMEOUT_MS),
  connectTimeoutMs: z.number().int().positive().default(DEFAULT_CONNECT_TIMEOUT_MS),
};

const headers = z.record(z.string(), ValueOrSecretSchema).default({});

export const StdioServerSchema = z
  .object({
    ...common,
    transport: z.literal('stdio'),
    command: z.string().min(1),
    args: z.array(z.string()).default([]),
    /** Extra environment for the child; values may be `env:`/`file:` references. */
    env: z.record(z.string(), ValueOrSecretSchema).default({}),
    cwd: z.string().optional(),
  })
  .strict();

export const HttpServerSchema = z
  .object({ ...common, transport: z.literal('http'), url: z.url(), headers })
  .strict();

export const SseServerSchema = z
  .object({ ...common, transport: z.literal('sse'), url: z.url(), headers })
  .strict();

export const ServerConfigSchema = z.discriminatedUnion('transport', [StdioServerSchema, HttpServerSchema, SseServerSchema]);

export type ServerConfig = z.infer<typeof ServerConfigSchema>;
export type StdioServerConfig = z.infer<typeof StdioServerSchema>;

/** The server's declared egress plus, for HTTP upstreams, the host of its URL. */
export function egressOf(config: ServerConfig): string[] {
  const domains = new Set(config.egress.map((d) => d.toLowerCase()));
  if (config.transport !== 'stdio') domains.add(new URL(config.url).hostname.toLowerCase());
  return [...domains];
}
