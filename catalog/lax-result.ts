/**
 * @module catalog/lax-result — reads a `tools/call` result leniently. The SDK's own schema rejects a whole
 * result for one content block of a type it does not know, and its error is a dump of zod issues; here
 * the envelope is checked, unknown blocks are kept for the caller to summarise, and a pre-2024-11
 * `{ toolResult }` answer is shown as JSON text.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

export const LaxCallToolResultSchema = z.looseObject({
  content: z.array(z.looseObject({ type: z.string() })).optional(),
  structuredContent: z.unknown().optional(),
  isError: z.boolean().optional(),
  toolResult: z.unknown().optional(),
});

export type LaxCallToolResult = z.infer<typeof LaxCallToolResultSchema>;

/** The result as the rest of the gateway reads it (blocks of unknown types pass through untouched). */
export function normaliseCallResult(raw: LaxCallToolResult): CallToolResult {
  const { toolResult, content, ...rest } = raw;
  const blocks = content === undefined && toolResult !== undefined ? [{ type: 'text', text: JSON.stringify(toolResult) }] : (content ?? []);
  return { ...rest, content: blocks } as CallToolResult;
}
