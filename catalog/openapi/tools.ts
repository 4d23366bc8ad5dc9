/**
 * @module catalog/openapi/tools — one MCP tool per operation of an OpenAPI document, with the call plan
 * that turns the tool's arguments back into an HTTP request.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { hiddenParamFilter, type HideOptions } from './hidden-params.js';
import { buildInput, type ArgumentPlan } from './input-schema.js';
import type { JsonObject } from './json.js';
import { listOperations, type HttpMethod } from './operations.js';
import { toolNames } from './names.js';
import { clip } from './schema.js';

/** Characters of a tool description (summary + description) kept; long API prose is cut at a word. */
export const MAX_TOOL_DESCRIPTION_CHARS = 1_200;
/** Key of the adapter's own metadata in a tool's `_meta`. */
export const OPENAPI_META_KEY = 'toolgate/openapi';

const READ_ONLY_METHODS: ReadonlySet<HttpMethod> = new Set(['get', 'head', 'options']);

export interface OpenApiTool {
  readonly tool: Tool;
  readonly method: HttpMethod;
  readonly path: string;
  readonly plan: ArgumentPlan;
}

export type BuildOptions = HideOptions;

export function buildTools(doc: JsonObject, options: BuildOptions = {}): OpenApiTool[] {
  const hidden = hiddenParamFilter(doc, options);
  const ops = listOperations(doc);
  const names = toolNames(ops);
  return ops.map((op, i) => {
    const name = names[i]!;
    const { inputSchema, plan } = buildInput(doc, op, hidden);
    const text = [op.deprecated ? 'Deprecated.' : undefined, op.summary, op.description].filter((t) => t !== undefined && t.trim() !== '').join('\n\n');
    const annotations = {
      ...(op.summary !== undefined && { title: clip(op.summary, MAX_TOOL_DESCRIPTION_CHARS) }),
      readOnlyHint: READ_ONLY_METHODS.has(op.method),
      ...(op.method === 'delete' && { destructiveHint: true }),
      openWorldHint: true,
      // Not an MCP hint: kept so browsing can group tools by their OpenAPI tags (index/categories.ts reads it).
      ...(op.tags.length > 0 && { tags: [...op.tags] }),
    };
    const tool: Tool = {
      name,
      description: text === '' ? `${op.method.toUpperCase()} ${op.path}` : clip(text, MAX_TOOL_DESCRIPTION_CHARS),
      inputSchema,
      annotations,
      _meta: { [OPENAPI_META_KEY]: { method: op.method.toUpperCase(), path: op.path, tags: [...op.tags] } },
    };
    return { tool, method: op.method, path: op.path, plan };
  });
}
