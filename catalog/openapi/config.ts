/**
 * @module catalog/openapi/config — the config schema of an OpenAPI upstream (`transport: 'openapi'`):
 * a spec (file path or URL) turned into one tool per operation, called over plain HTTP.
 *
 * The common fields are catalog/server-common.ts's, spread as every other kind does.
 */
import { z } from 'zod';
import { NamedValuesSchema } from '../secrets.js';
import { commonServerFields } from '../server-common.js';

/** An http(s) URL or a file path (absolute, or relative to the gateway's working directory). */
const specSource = z.string().min(1, 'expected the path or URL of an OpenAPI spec');

export const OpenApiServerSchema = z
  .object({
    ...commonServerFields,
    transport: z.literal('openapi'),
    /** The OpenAPI 3.x (or Swagger 2.0) document, JSON or YAML: a file path or an http(s) URL. */
    spec: specSource,
    /** Replaces the spec's `servers[0].url` (placeholders like `your-domain.atlassian.net`, staging hosts). */
    baseUrl: z.url().optional(),
    /** Sent with every call; values may be `env:`/`file:` references or embed `${env:X}` (resolved per call); credentials must. */
    headers: NamedValuesSchema.default({}),
    /** Parameter names (any location, any case) never asked of the model, e.g. Slack's `token` when a header carries it. */
    hiddenParams: z.array(z.string().min(1)).default([]),
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
