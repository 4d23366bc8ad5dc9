/**
 * @module src/gateway/browse — `search_tools` without a query: the caller's tools as an outline to walk
 * top-down (servers → categories → tool names), for when guessing words does not find the tool.
 */
import type { ServerState, ToolRecord } from '../../catalog/types.js';
import { outlineCategories, outlineCategoryTools, outlineServers } from '../../index/outline.js';

export function browseOutline(visible: readonly ToolRecord[], servers: readonly ServerState[], server?: string, category?: string): string {
  if (server === undefined) {
    const outline = outlineServers(
      visible,
      servers.map((s) => ({ id: s.meta.id, ...(s.meta.title ? { title: s.meta.title } : {}), ...(s.meta.description ? { description: s.meta.description } : {}), status: s.meta.status })),
    );
    if (outline.length === 0) return 'No tools are available to you. Ask an administrator which tool groups your consumer may use.';
    const lines = outline.map((s) => `- ${s.server} (${s.toolCount} tools${s.status === 'deprecated' ? ', deprecated' : ''}): ${s.summary}`);
    return `Servers you can use:\n${lines.join('\n')}\n\nNext: search_tools({ server: "<id>" }) for its categories, or search_tools({ query: "what you need" }).`;
  }
  if (category === undefined) {
    const categories = outlineCategories(visible, server);
    if (categories.length === 0) return `No tools of server ${JSON.stringify(server)} are available to you. Call search_tools without arguments to list servers.`;
    const lines = categories.map((c) => `- ${c.category} (${c.toolCount})`);
    return `Categories of ${server}:\n${lines.join('\n')}\n\nNext: search_tools({ server: "${server}", category: "<name>" }) for tool names.`;
  }
  const names = outlineCategoryTools(visible, server, category);
  if (names.length === 0) return `No tools in category ${JSON.stringify(category)} of ${server}. Call search_tools({ server: "${server}" }) to list its categories.`;
  return `Tools of ${server} in ${category}:\n${names.map((n) => `- ${n}`).join('\n')}\n\nNext: search_tools({ query: "<tool name>", server: "${server}" }) for declarations.`;
}
