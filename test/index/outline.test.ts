import { describe, expect, it } from 'vitest';
import type { ToolRecord } from '../../catalog/types.js';
import { categorize } from '../../index/categories.js';
import { oneLine, outlineCategories, outlineCategoryTools, outlineServers } from '../../index/outline.js';
import { makeTool } from '../support/tool-record.js';

const gh = (name: string, annotations?: Record<string, unknown>): ToolRecord =>
  makeTool({ server: 'github', name, ...(annotations ? { annotations } : {}) });

const GITHUB = [
  gh('create_pull_request'),
  gh('list_pull_requests'),
  gh('merge_pull_request'),
  gh('get_issue'),
  gh('list_issues'),
  gh('update_issue_state'),
  gh('fork_repository'),
  gh('create_repository'),
  gh('get_repository'),
  gh('get_me'),
  gh('push_files', { destructiveHint: true }),
  gh('whoami', { readOnlyHint: true }),
];

describe('categorize', () => {
  it('groups tools by the resource noun their names share, naming two-word resources whole', () => {
    const c = categorize(GITHUB);
    expect(c.get('github.create_pull_request')).toBe('pull request');
    expect(c.get('github.list_pull_requests')).toBe('pull request');
    expect(c.get('github.get_issue')).toBe('issue');
    expect(c.get('github.list_issues')).toBe('issue');
  });

  it('files a tool under a later noun when its first noun stands alone', () => {
    expect(categorize(GITHUB).get('github.fork_repository')).toBe('repository');
  });

  it('falls back to the verb, then the annotations, then other', () => {
    const c = categorize(GITHUB);
    expect(c.get('github.get_me')).toBe('get');
    expect(c.get('github.push_files')).toBe('destructive');
    expect(c.get('github.whoami')).toBe('read-only');
    expect(categorize([makeTool({ server: 's', name: 'frobnicate' })]).get('s.frobnicate')).toBe('other');
  });

  it('prefers an explicit upstream tag (OpenAPI x-tags in _meta)', () => {
    const tagged = { ...makeTool({ server: 'jira', name: 'getAllDashboards' }), _meta: { 'x-tags': ['Dashboards'] } };
    expect(categorize([tagged]).get('jira.getAllDashboards')).toBe('Dashboards');
  });

  it('ignores leading words of the server id in tool names', () => {
    const tools = ['autotask_create_ticket', 'autotask_get_ticket'].map((name) =>
      makeTool({ server: 'autotask-mcp', name }),
    );
    expect([...categorize(tools).values()]).toEqual(['ticket', 'ticket']);
  });
});

describe('outline', () => {
  const records = [
    ...GITHUB,
    makeTool({ server: 'slack', name: 'chat_postMessage' }),
    makeTool({ server: 'slack', name: 'chat_delete' }),
  ];

  it('lists servers with a one-line summary and tool counts', () => {
    const servers = [{ id: 'slack', description: 'Slack workspace messaging.\nSecond line.', status: 'deprecated' }];
    expect(outlineServers(records, servers)).toEqual([
      { server: 'github', summary: 'Tools for issue, pull request, repository.', toolCount: 12 },
      { server: 'slack', summary: 'Slack workspace messaging.', toolCount: 2, status: 'deprecated' },
    ]);
  });

  it('lists a server only when the caller can see one of its tools', () => {
    expect(outlineServers(records.filter((r) => r.server !== 'slack')).map((s) => s.server)).toEqual(['github']);
  });

  it("lists a server's categories, largest first", () => {
    expect(outlineCategories(records, 'github')).toEqual([
      { category: 'issue', toolCount: 3 },
      { category: 'pull request', toolCount: 3 },
      { category: 'repository', toolCount: 3 },
      { category: 'destructive', toolCount: 1 },
      { category: 'get', toolCount: 1 },
      { category: 'read-only', toolCount: 1 },
    ]);
    expect(outlineCategories(records, 'nope')).toEqual([]);
  });

  it("lists a category's tool names, sorted", () => {
    expect(outlineCategoryTools(records, 'github', 'pull request')).toEqual([
      'create_pull_request',
      'list_pull_requests',
      'merge_pull_request',
    ]);
    expect(outlineCategoryTools(records, 'slack', 'chat')).toEqual(['chat_delete', 'chat_postMessage']);
  });

  it('cuts a summary to one line at a word', () => {
    expect(oneLine('Short.  Then more.')).toBe('Short.');
    const long = 'word '.repeat(40);
    expect(oneLine(long)).toBe(`${'word '.repeat(23).trim()}…`);
  });
});
