/**
 * @module catalog/list-tools — the paginated `tools/list` of one upstream, bounded in pages and time.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';

/** Pages followed per listing; a server that keeps handing out cursors past this is cut off, not trusted. */
export const MAX_LIST_PAGES = 200;

export interface Listing {
  readonly tools: Tool[];
  /** Set when the listing stopped early (page bound, repeated cursor): what we have is still used. */
  readonly warning?: string;
}

/** Follows `nextCursor` until the server stops sending one; duplicate names keep their first definition. */
export async function listAllTools(client: Client, timeoutMs: number, maxPages: number = MAX_LIST_PAGES): Promise<Listing> {
  const deadline = Date.now() + timeoutMs;
  const byName = new Map<string, Tool>();
  const seenCursors = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const timeout = Math.max(1, deadline - Date.now());
    const result = await client.listTools(cursor === undefined ? undefined : { cursor }, { timeout, maxTotalTimeout: timeout });
    for (const tool of result.tools) if (!byName.has(tool.name)) byName.set(tool.name, tool);
    cursor = result.nextCursor;
    if (cursor === undefined || cursor === '') return { tools: [...byName.values()] };
    if (seenCursors.has(cursor)) return { tools: [...byName.values()], warning: `tools/list repeated cursor ${JSON.stringify(cursor)}; listing stopped` };
    seenCursors.add(cursor);
  }
  return { tools: [...byName.values()], warning: `tools/list stopped after ${maxPages} pages` };
}
