/**
 * @module catalog/list-tools — the paginated `tools/list` of one upstream, bounded in pages and time,
 * and lenient with what comes back: one malformed tool definition is repaired or skipped (and named in
 * the listing's warning), it never makes the whole server unusable.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ToolSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

/** Pages followed per listing; a server that keeps handing out cursors past this is cut off, not trusted. */
export const MAX_LIST_PAGES = 200;
/** Skipped tools named in the warning; the rest are counted. */
const MAX_NAMED_SKIPS = 5;

/** Only the envelope is checked strictly; each tool is checked on its own below. */
const LaxListToolsResultSchema = z.looseObject({ tools: z.array(z.unknown()), nextCursor: z.string().optional() });

export interface Listing {
  readonly tools: Tool[];
  /** Set when the listing stopped early or skipped tools: what we have is still used. */
  readonly warning?: string;
}

/** Follows `nextCursor` until the server stops sending one; duplicate names keep their first definition. */
export async function listAllTools(client: Client, timeoutMs: number, maxPages: number = MAX_LIST_PAGES): Promise<Listing> {
  const deadline = Date.now() + timeoutMs;
  const byName = new Map<string, Tool>();
  const skipped: string[] = [];
  const seenCursors = new Set<string>();
  let cursor: string | undefined;
  let stopped: string | undefined = `tools/list stopped after ${maxPages} pages`;
  for (let page = 0; page < maxPages; page++) {
    const timeout = Math.max(1, deadline - Date.now());
    const params = cursor === undefined ? {} : { cursor };
    const result = await client.request({ method: 'tools/list', params }, LaxListToolsResultSchema, { timeout, maxTotalTimeout: timeout });
    for (const raw of result.tools) {
      const tool = repairTool(raw);
      if (typeof tool === 'string') skipped.push(tool);
      else if (!byName.has(tool.name)) byName.set(tool.name, tool);
    }
    cursor = result.nextCursor;
    if (cursor === undefined || cursor === '') {
      stopped = undefined;
      break;
    }
    if (seenCursors.has(cursor)) {
      stopped = `tools/list repeated cursor ${JSON.stringify(cursor)}; listing stopped`;
      break;
    }
    seenCursors.add(cursor);
  }
  const warnings = [stopped, skipWarning(skipped)].filter((w) => w !== undefined);
  return { tools: [...byName.values()], ...(warnings.length > 0 && { warning: warnings.join('; ') }) };
}

/**
 * A valid Tool, or a short reason it was skipped. A missing input schema, or one without `type`, is read
 * as an object schema (a common upstream slip); a non-object input schema cannot take named arguments.
 */
export function repairTool(raw: unknown): Tool | string {
  if (raw === null || typeof raw !== 'object') return 'a tool entry that is not an object';
  const candidate = raw as Record<string, unknown>;
  const name = typeof candidate.name === 'string' && candidate.name !== '' ? candidate.name : undefined;
  if (name === undefined) return 'a tool without a name';
  const input = candidate.inputSchema;
  const inputSchema = input !== null && typeof input === 'object' && !Array.isArray(input) ? { type: 'object', ...input } : { type: 'object' };
  const parsed = ToolSchema.safeParse({ ...candidate, inputSchema });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `${name} (${issue === undefined ? 'invalid' : `${issue.path.join('.') || 'definition'}: ${issue.message}`})`;
}

function skipWarning(skipped: readonly string[]): string | undefined {
  if (skipped.length === 0) return undefined;
  const named = skipped.slice(0, MAX_NAMED_SKIPS).join(', ');
  const more = skipped.length > MAX_NAMED_SKIPS ? ` and ${skipped.length - MAX_NAMED_SKIPS} more` : '';
  return `skipped ${skipped.length} invalid tool definition${skipped.length === 1 ? '' : 's'}: ${named}${more}`;
}
