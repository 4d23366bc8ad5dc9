/**
 * @module catalog/openapi/load-api — spec → everything a server needs: its tools (SDK shape), the call
 * plan of each tool by name, and the base URL calls go to.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { OpenApiServerConfig } from './config.js';
import { loadSpec, SpecError } from './load-spec.js';
import { specServerUrl } from './server-url.js';
import { buildTools, type OpenApiTool } from './tools.js';

export interface LoadedApi {
  readonly records: readonly Tool[];
  readonly tools: ReadonlyMap<string, OpenApiTool>;
  readonly baseUrl: string;
  /** A problem that leaves the server usable (e.g. an empty spec). */
  readonly warning?: string;
}

/** Refs named in a warning before the rest are counted (count). */
const REFS_NAMED = 3;

function skippedRefsWarning(skipped: readonly string[]): string {
  const more = skipped.length > REFS_NAMED ? `; and ${skipped.length - REFS_NAMED} more` : '';
  return `${skipped.length} $ref(s) into other documents not followed, their schemas accept any value: ${skipped.slice(0, REFS_NAMED).join('; ')}${more}`;
}

export async function loadApi(config: Pick<OpenApiServerConfig, 'spec' | 'baseUrl' | 'headers'> & Partial<Pick<OpenApiServerConfig, 'hiddenParams'>>, timeoutMs?: number): Promise<LoadedApi> {
  const { doc, skippedRefs = [] } = await loadSpec(config.spec, timeoutMs);
  const baseUrl = config.baseUrl ?? specServerUrl(doc, config.spec);
  if (baseUrl === undefined) throw new SpecError(`the OpenAPI spec ${config.spec} has no absolute servers[0].url: set baseUrl in the server's config`);
  const built = buildTools(doc, { injectedHeaders: Object.keys(config.headers), hiddenParams: config.hiddenParams ?? [] });
  return {
    records: built.map((t) => t.tool),
    tools: new Map(built.map((t) => [t.tool.name, t])),
    baseUrl,
    ...(built.length === 0 && { warning: `the OpenAPI spec ${config.spec} has no operations` }),
    ...(built.length > 0 && skippedRefs.length > 0 && { warning: skippedRefsWarning(skippedRefs) }),
  };
}
