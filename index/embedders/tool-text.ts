/**
 * @module index/embedders/tool-text — the text an embedder sees for one tool: its name (split later by
 * the analyser), title, description and the names and descriptions of its top-level parameters.
 * Parameter names are free signal: `city`, `unit`, `repo` say what a tool is about.
 */
import type { ToolRecord } from '../../catalog/types.js';

/** Cap on the characters taken from one parameter description (long ones are mostly examples). */
const PARAM_DESCRIPTION_CHARS = 200;
/** Cap on the whole text, so one huge description cannot dominate embedding time. */
const TOOL_TEXT_CHARS = 4000;

export function toolText(record: ToolRecord): string {
  const parts = [record.name, record.title ?? '', record.description];
  const props = record.inputSchema.properties;
  if (props && typeof props === 'object') {
    for (const [name, schema] of Object.entries(props as Record<string, unknown>)) {
      const desc = schema && typeof schema === 'object' ? (schema as { description?: unknown }).description : undefined;
      parts.push(name, typeof desc === 'string' ? desc.slice(0, PARAM_DESCRIPTION_CHARS) : '');
    }
  }
  return parts.filter((p) => p.length > 0).join('\n').slice(0, TOOL_TEXT_CHARS);
}
