/**
 * @module test/support/tool-record — builds ToolRecords for index tests: a short spec in, a record with
 * id `<server>.<name>` and a content hash out.
 */
import { createHash } from 'node:crypto';
import type { JsonSchema, ToolRecord } from '../../catalog/types.js';

export interface ToolSpec {
  readonly server: string;
  readonly name: string;
  readonly description?: string;
  readonly title?: string;
  /** Parameter name → description. */
  readonly params?: Readonly<Record<string, string>>;
  readonly annotations?: Record<string, unknown>;
}

export function makeTool(spec: ToolSpec): ToolRecord {
  const properties: Record<string, JsonSchema> = {};
  for (const [name, description] of Object.entries(spec.params ?? {}))
    properties[name] = { type: 'string', description };
  const base = {
    id: `${spec.server}.${spec.name}`,
    server: spec.server,
    name: spec.name,
    ...(spec.title !== undefined ? { title: spec.title } : {}),
    description: spec.description ?? '',
    inputSchema: { type: 'object', properties },
    ...(spec.annotations !== undefined ? { annotations: spec.annotations } : {}),
  };
  const hash = createHash('sha256').update(JSON.stringify(base)).digest('hex').slice(0, 16);
  return { ...base, hash };
}

/** A small estate with overlapping words, used across index tests. */
export function sampleTools(): ToolRecord[] {
  return [
    makeTool({
      server: 'jira',
      name: 'create_issue',
      description: 'Create a new issue in a Jira project.',
      params: { project: 'Project key', summary: 'One-line summary' },
    }),
    makeTool({
      server: 'jira',
      name: 'get_issue',
      description: 'Get one issue by key, with its fields and comments.',
      params: { key: 'Issue key, e.g. PROJ-1' },
    }),
    makeTool({
      server: 'jira',
      name: 'transition_issue',
      description: 'Move an issue to another workflow status.',
      params: { key: 'Issue key', transition: 'Transition id' },
    }),
    makeTool({
      server: 'jira',
      name: 'delete_issue',
      description: 'Delete an issue permanently.',
      params: { key: 'Issue key' },
    }),
    makeTool({
      server: 'slack',
      name: 'chat_postMessage',
      description: 'Send a message to a channel.',
      params: { channel: 'Channel id', text: 'Message text' },
    }),
    makeTool({
      server: 'slack',
      name: 'conversations_list',
      description: 'List channels in the workspace.',
      params: { limit: 'Page size' },
    }),
    makeTool({
      server: 'slack',
      name: 'delete_channel',
      description: 'Archive and delete a channel.',
      params: { channel: 'Channel id' },
    }),
    makeTool({
      server: 'notion',
      name: 'search_pages',
      description: 'Search pages and databases by title.',
      params: { query: 'Words to find' },
    }),
    makeTool({
      server: 'notion',
      name: 'create_page',
      description: 'Create a page under a parent page or database.',
      params: { parent: 'Parent page id', title: 'Page title' },
    }),
    makeTool({
      server: 'github',
      name: 'list_pull_requests',
      description: 'List pull requests of a repository.',
      params: { owner: 'Repository owner', repo: 'Repository name' },
    }),
  ];
}
