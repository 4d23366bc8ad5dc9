/**
 * @module catalog/tool-record — turns an upstream's SDK `Tool` into the gateway's `ToolRecord`,
 * with a content hash that changes whenever anything an agent could see or rely on changes.
 */
import { createHash } from 'node:crypto';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { canonicalJson } from './canonical-json.js';
import type { JsonSchema, ToolRecord } from './types.js';

/** The part of a record the hash covers: the definition, not the server it happens to live on. */
export type ToolDefinition = Pick<ToolRecord, 'name' | 'title' | 'description' | 'inputSchema' | 'outputSchema' | 'annotations'>;

/** sha256 (hex) of the canonical JSON (sorted keys) of the definition. */
export function definitionHash(definition: ToolDefinition): string {
  const { name, title, description, inputSchema, outputSchema, annotations } = definition;
  const canonical = canonicalJson({ name, title, description, inputSchema, outputSchema, annotations });
  return createHash('sha256').update(canonical).digest('hex');
}

/** Builds the record for `tool` on `server`; the id is `<server>.<tool name>`. */
export function toToolRecord(server: string, tool: Tool): ToolRecord {
  const annotations = tool.annotations ? ({ ...tool.annotations } as Record<string, unknown>) : undefined;
  const title = tool.title ?? tool.annotations?.title;
  const definition: ToolDefinition = {
    name: tool.name,
    description: tool.description ?? '',
    inputSchema: tool.inputSchema as JsonSchema,
    ...(title !== undefined && { title }),
    ...(tool.outputSchema !== undefined && { outputSchema: tool.outputSchema as JsonSchema }),
    ...(annotations !== undefined && { annotations }),
  };
  return { id: `${server}.${tool.name}`, server, ...definition, hash: definitionHash(definition) };
}
