/**
 * @module catalog/server-config — the config schema of one upstream server (strict zod, parsed once).
 */
import { z } from 'zod';
import { NamedValuesSchema } from './secrets.js';
import { commonServerFields } from './server-common.js';
import { OpenApiServerSchema, openApiEgress } from './openapi/config.js';

const common = commonServerFields;

/** Sent with every request; values may be literals, but credentials must be `env:`/`file:` references. */
const headers = NamedValuesSchema.default({});

export const StdioServerSchema = z
  .object({
    ...common,
    transport: z.literal('stdio'),
    command: z.string().min(1),
    args: z.array(z.string()).default([]),
    /** Extra environment for the child; values may be `env:`/`file:` references, and credentials must be. */
    env: NamedValuesSchema.default({}),
    cwd: z.string().optional(),
  })
  .strict();

export const HttpServerSchema = z
  .object({ ...common, transport: z.literal('http'), url: z.url(), headers })
  .strict();

export const SseServerSchema = z
  .object({ ...common, transport: z.literal('sse'), url: z.url(), headers })
  .strict();

export const ServerConfigSchema = z.discriminatedUnion('transport', [StdioServerSchema, HttpServerSchema, SseServerSchema, OpenApiServerSchema]);

export type ServerConfig = z.infer<typeof ServerConfigSchema>;
export type StdioServerConfig = z.infer<typeof StdioServerSchema>;

/** The server's declared egress plus, for HTTP upstreams, the host of its URL. */
export function egressOf(config: ServerConfig): string[] {
  if (config.transport === 'openapi') return openApiEgress(config);
  const domains = new Set(config.egress.map((d) => d.toLowerCase()));
  if (config.transport !== 'stdio') domains.add(new URL(config.url).hostname.toLowerCase());
  return [...domains];
}
