/**
 * @module src/mcp/definitions — the only two tools an agent sees, and the instructions that teach the workflow.
 * Together they are the fixed cost of Toolgate in every context window: keep them short (goal ≤ 600 o200k
 * tokens, measured by `bench/tokens.ts`). The JSON below is exactly what `tools/list` returns.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT } from '../config/schema.js';

export const SEARCH_TOOLS = 'search_tools';
export const EXECUTE_CODE = 'execute_code';

export const INSTRUCTIONS = `Toolgate gives you every tool of many MCP servers through two tools.
1. search_tools: describe what you need in a few words ("create jira issue"). You get TypeScript declarations, one namespace per server. Call it with no query to browse servers and categories.
2. execute_code: write TypeScript that calls those functions and returns only what you need, e.g.
   const issues = await jira.search_issues({ jql: "assignee = currentUser()" });
   return issues.map((i) => i.key);
Chain several calls in one execution; filter and aggregate in code rather than returning large data. console.log output is returned too.
A failed call throws an Error with .code (TG_ACL_DENIED, TG_ARGS_INVALID, TG_RATE_LIMITED, ...) and a message saying what to do; catch it to adapt.`;

export const SEARCH_TOOLS_DEFINITION: Tool = {
  name: SEARCH_TOOLS,
  title: 'Search tools',
  description:
    'Find tools by what they do. Returns TypeScript declarations of the best matches for execute_code. Without a query, lists servers and categories to browse.',
  inputSchema: {
    type: 'object',
    properties: {
      query: { type: 'string', description: 'What you want to do, in a few words.' },
      limit: { type: 'integer', minimum: 1, maximum: MAX_SEARCH_LIMIT, description: `Matches to return (default ${DEFAULT_SEARCH_LIMIT}).` },
      detail: { type: 'string', enum: ['full', 'names'], description: '"names" for one line per match.' },
      server: { type: 'string', description: 'Only this server; or a server to browse.' },
      category: { type: 'string', description: 'With server and no query: list this category.' },
    },
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
};

export const EXECUTE_CODE_DEFINITION: Tool = {
  name: EXECUTE_CODE,
  title: 'Execute code',
  description:
    'Run TypeScript in a sandbox. Each tool found by search_tools is an async function: await <server>.<tool>(args). Top-level await; return a JSON value. No network or files except through tools.',
  inputSchema: {
    type: 'object',
    properties: {
      code: { type: 'string', description: 'TypeScript or JavaScript to run.' },
      check: { type: 'boolean', description: 'Type-check against the tool declarations first; return errors instead of running.' },
    },
    required: ['code'],
  },
  annotations: { openWorldHint: true },
};

export const TOOL_DEFINITIONS: readonly Tool[] = [SEARCH_TOOLS_DEFINITION, EXECUTE_CODE_DEFINITION];
