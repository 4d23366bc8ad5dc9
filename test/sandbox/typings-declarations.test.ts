import { describe, expect, it } from 'vitest';
import { bindingsFor } from '../../sandbox/naming.js';
import { declarationsFor } from '../../sandbox/typings.js';
import { tool, typeErrors } from './typings-support.js';

const getIssue = tool({
  server: 'jira',
  name: 'get-issue',
  title: 'Get issue',
  description: 'Get an issue by its key. Returns its fields.\n\n\n  Needs browse permission.   \nSee also search.',
  annotations: { readOnlyHint: true, idempotentHint: true, destructiveHint: false },
  inputSchema: {
    type: 'object',
    properties: { issueKey: { type: 'string', description: 'Issue key, e.g. PROJ-1' }, cloudId: { type: 'string' } },
    required: ['issueKey', 'cloudId'],
  },
});
const postMessage = tool({
  server: 'slack',
  name: 'chat.postMessage',
  description: 'Post a message to a channel',
  annotations: { title: 'Post message', destructiveHint: true, openWorldHint: true },
  inputSchema: { type: 'object', properties: { channel: { type: 'string' }, text: { type: 'string' } }, required: ['channel', 'text'] },
});
const deleteIssue = tool({ server: 'jira', name: 'delete', description: 'Delete an issue.' });
const summarize = tool({ server: 'vectra', name: 'Summarize Detection', description: '検出を要約します。詳細は後で。' });

describe('declarationsFor', () => {
  it('groups tools by server in order of first appearance, with JSDoc, title, id and hints', () => {
    expect(declarationsFor([getIssue, postMessage, deleteIssue])).toBe(`declare namespace jira {
  /**
   * Get an issue by its key. Returns its fields.
   *
   *   Needs browse permission.
   * See also search.
   *
   * @title Get issue
   * @id jira.get-issue
   * @hints read-only, idempotent
   */
  function get_issue(args: {
    /** Issue key, e.g. PROJ-1 */
    issueKey: string;
    cloudId: string;
  }): Promise<unknown>;

  /**
   * Delete an issue.
   *
   * @id jira.delete
   */
  function delete_(args?: Record<string, unknown>): Promise<unknown>;
}

declare namespace slack {
  /**
   * Post a message to a channel
   *
   * @title Post message
   * @id slack.chat.postMessage
   * @hints destructive, open-world
   */
  function chat_postMessage(args: {
    channel: string;
    text: string;
  }): Promise<unknown>;
}
`);
  });

  it('applies pinned parameters, description overrides, deprecations and the description cut', () => {
    const text = declarationsFor([getIssue, deleteIssue, postMessage], {
      omitParams: { 'jira.get-issue': ['cloudId'] },
      descriptions: { 'jira.delete': 'Deletes an issue for good. Cannot be undone.' },
      deprecated: { 'jira.delete': 'use jira.archive', slack: 'Slack is being retired.' },
      maxDescriptionChars: 32,
    });
    expect(text).toBe(`declare namespace jira {
  /**
   * Get an issue by its key.…
   *
   * @title Get issue
   * @id jira.get-issue
   * @hints read-only, idempotent
   */
  function get_issue(args: {
    /** Issue key, e.g. PROJ-1 */
    issueKey: string;
  }): Promise<unknown>;

  /**
   * Deletes an issue for good.…
   *
   * @id jira.delete
   * @deprecated use jira.archive
   */
  function delete_(args?: Record<string, unknown>): Promise<unknown>;
}

/** @deprecated Slack is being retired. */
declare namespace slack {
  /**
   * Post a message to a channel
   *
   * @title Post message
   * @id slack.chat.postMessage
   * @hints destructive, open-world
   */
  function chat_postMessage(args: {
    channel: string;
    text: string;
  }): Promise<unknown>;
}
`);
    expect(typeErrors([text])).toEqual([]);
  });

  it("makes args optional once the only required parameter is pinned", () => {
    const pinned = tool({ inputSchema: { type: 'object', properties: { org: { type: 'string' } }, required: ['org'] } });
    expect(declarationsFor([pinned], { omitParams: { 'demo.run': ['org'] } })).toContain('function run(args?: {}): Promise<unknown>;');
  });

  it('finds pinned parameters behind a top-level $ref or allOf', () => {
    const viaRef = tool({
      server: 'a',
      name: 'viaRef',
      inputSchema: { $ref: '#/$defs/Args', $defs: { Args: { type: 'object', properties: { org: { type: 'string' }, q: { type: 'string' } }, required: ['org', 'q'] } } },
    });
    const viaAllOf = tool({
      server: 'a',
      name: 'viaAllOf',
      inputSchema: { allOf: [{ type: 'object', properties: { org: { type: 'string' } }, required: ['org'] }, { properties: { q: { type: 'string' } } }] },
    });
    expect(declarationsFor([viaRef, viaAllOf], { omitParams: { 'a.viaRef': ['org'], 'a.viaAllOf': ['org'] } })).toBe(`declare namespace a {
  /** @id a.viaRef */
  function viaRef(args: {
    q: string;
  }): Promise<unknown>;

  /** @id a.viaAllOf */
  function viaAllOf(args?: {
    q?: string;
  }): Promise<unknown>;
}
`);
  });

  it('uses the bindings it is given: a tool that lost a collision elsewhere is not shown', () => {
    const all = [getIssue, tool({ server: 'jira', name: 'get_issue', description: 'The other one.' }), postMessage];
    const { bindings } = bindingsFor(all);
    expect(declarationsFor([getIssue, postMessage], { bindings, detail: 'names' })).toBe(
      '// slack.chat_postMessage (id slack.chat.postMessage) — Post a message to a channel\n',
    );
  });

  it('declares exactly the calls the bindings make, for hostile names too', () => {
    const names = ['get-issue', 'get_issue', 'delete', '__proto__', '3d', '画像', 'a b', 'x'.repeat(80), 'console'];
    const servers = ['jira', 'console', '46elks-sms', 'default'];
    const tools = servers.flatMap((server) => names.map((name) => tool({ server, name })));
    const text = declarationsFor(tools);
    const declared: string[] = [];
    let namespace = '';
    for (const line of text.split('\n')) {
      namespace = /^declare namespace (\S+) \{$/.exec(line)?.[1] ?? namespace;
      const member = /^ {2}function ([^(]+)\(/.exec(line)?.[1];
      if (member !== undefined) declared.push(`${namespace}.${member}`);
    }
    const bound = bindingsFor(tools).bindings.map((b) => `${b.namespace}.${b.member}`);
    expect(declared.sort()).toEqual(bound.sort());
    expect(bound).toHaveLength(servers.length * (names.length - 1));
    expect(typeErrors([text])).toEqual([]);
  });

  it('renders nothing for no tools', () => {
    expect(declarationsFor([])).toBe('');
    expect(declarationsFor([], { detail: 'names' })).toBe('');
  });

  it('is deterministic: the same input gives the same text', () => {
    const tools = [getIssue, postMessage, deleteIssue, summarize];
    expect(declarationsFor(tools)).toBe(declarationsFor(tools.map((t) => ({ ...t }))));
  });
});

describe("detail: 'names'", () => {
  it('renders one comment line per tool: call name, id when it differs, deprecation, first sentence', () => {
    expect(declarationsFor([getIssue, postMessage, deleteIssue, summarize], { detail: 'names', deprecated: { 'jira.delete': true, slack: 'old' } }))
      .toBe(`// jira.get_issue (id jira.get-issue) — Get an issue by its key.
// slack.chat_postMessage (id slack.chat.postMessage) [deprecated] — Post a message to a channel
// jira.delete_ (id jira.delete) [deprecated] — Delete an issue.
// vectra.Summarize_Detection (id vectra.Summarize Detection) — 検出を要約します。
`);
  });

  it('omits the id when the tool name needed no change, and cuts long summaries', () => {
    const long = tool({ server: 'a', name: 'b', description: `${'word '.repeat(40)}end.` });
    expect(declarationsFor([long], { detail: 'names', maxSummaryChars: 30 })).toBe('// a.b — word word word word word word…\n');
  });

  it('keeps every line a comment even when the description holds line separators', () => {
    const odd = tool({ server: 'a', name: 'b', description: 'one\u2028two\u2029three\rfour' });
    const text = declarationsFor([odd], { detail: 'names' });
    expect(text).toBe('// a.b — one two three\n');
    expect(typeErrors([text])).toEqual([]);
  });
});
