import { describe, expect, it } from 'vitest';
import { createSearchIndex } from '../../index/search-index.js';
import { createHashEmbedder } from '../support/hash-embedder.js';
import { makeTool, sampleTools } from '../support/tool-record.js';

const ids = (hits: { record: { id: string } }[]): string[] => hits.map((h) => h.record.id);

describe.each([
  ['lexical only', () => createSearchIndex()],
  ['hybrid', () => createSearchIndex({ embedder: createHashEmbedder() })],
])('SearchIndex (%s)', (_mode, make) => {
  it('finds a tool by its exact name first', async () => {
    const index = make();
    await index.rebuild(sampleTools());
    expect(ids(await index.search('transition_issue', { limit: 3 }))[0]).toBe('jira.transition_issue');
    expect(ids(await index.search('chat.postMessage', { limit: 3 }))[0]).toBe('slack.chat_postMessage');
  });

  it('finds a tool by words of its description and parameters', async () => {
    const index = make();
    await index.rebuild(sampleTools());
    expect(ids(await index.search('send a message to a channel', { limit: 3 }))[0]).toBe('slack.chat_postMessage');
    expect(ids(await index.search('pull requests of a repository', { limit: 3 }))[0]).toBe('github.list_pull_requests');
  });

  it('restricts results to one server', async () => {
    const index = make();
    await index.rebuild(sampleTools());
    const hits = await index.search('delete', { limit: 5, server: 'slack' });
    expect(ids(hits)[0]).toBe('slack.delete_channel');
    expect(hits.every((h) => h.record.server === 'slack')).toBe(true);
  });

  it('never lets a hidden tool take a slot, even when hidden tools are the best matches', async () => {
    const index = make();
    const hidden = Array.from({ length: 40 }, (_, i) =>
      makeTool({ server: 'secret', name: `create_issue_${i}`, description: 'Create an issue in a project.' }),
    );
    await index.rebuild([...sampleTools(), ...hidden]);
    const visible = (r: { server: string }): boolean => r.server !== 'secret';
    const hits = await index.search('create issue', { limit: 3, visible });
    expect(hits).toHaveLength(3);
    expect(hits.every((h) => h.record.server !== 'secret')).toBe(true);
    expect(ids(hits)[0]).toBe('jira.create_issue');
  });

  it('fills the limit with visible tools when hundreds of hidden tools match better', async () => {
    const index = make();
    const hidden = Array.from({ length: 300 }, (_, i) =>
      makeTool({ server: 'secret', name: `create_issue_${i}`, description: 'Create an issue in a Jira project.' }),
    );
    await index.rebuild([...hidden, ...sampleTools()]);
    const hits = await index.search('create an issue in a jira project', {
      limit: 5,
      visible: (r) => r.server !== 'secret',
    });
    expect(hits).toHaveLength(5);
    expect(hits.filter((h) => h.record.server === 'secret')).toEqual([]);
    expect(ids(hits)[0]).toBe('jira.create_issue');
  });

  it('ranks a boosted-down (deprecated) tool below an equal match', async () => {
    const index = make();
    await index.rebuild([
      makeTool({ server: 'old', name: 'create_ticket', description: 'Create a ticket.' }),
      makeTool({ server: 'new', name: 'create_ticket', description: 'Create a ticket.' }),
    ]);
    const boost = (r: { server: string }): number => (r.server === 'old' ? 0.5 : 1);
    expect(ids(await index.search('create ticket', { limit: 2, boost }))).toEqual([
      'new.create_ticket',
      'old.create_ticket',
    ]);
  });

  it('rebuild counts embedded, reused and removed records', async () => {
    const index = make();
    const tools = sampleTools();
    expect(await index.rebuild(tools)).toMatchObject({ embedded: 10, reused: 0, removed: 0 });
    const changed = makeTool({ server: 'jira', name: 'get_issue', description: 'Fetch one issue by key.' });
    const next = [...tools.slice(2), changed];
    expect(await index.rebuild(next)).toMatchObject({ embedded: 1, reused: 8, removed: 1 });
    expect(index.size).toBe(9);
    expect(index.get('jira.create_issue')).toBeUndefined();
    expect(index.get('jira.get_issue')?.description).toBe('Fetch one issue by key.');
    expect(await index.rebuild(next, { force: true })).toMatchObject({ embedded: 9, reused: 0, removed: 0 });
  });

  it('a rebuild scoped to one server leaves the other servers alone', async () => {
    const index = make();
    await index.rebuild(sampleTools());
    const slack = [makeTool({ server: 'slack', name: 'chat_postMessage', description: 'Post a message.' })];
    const summary = await index.rebuild([...slack, makeTool({ server: 'jira', name: 'ignored' })], { server: 'slack' });
    expect(summary).toMatchObject({ embedded: 1, reused: 0, removed: 2 });
    expect(index.size).toBe(8);
    expect(index.get('jira.create_issue')).toBeDefined();
    expect(index.get('jira.ignored')).toBeUndefined();
    expect(index.get('slack.conversations_list')).toBeUndefined();
  });

  it('apply embeds added and changed tools and removes deleted ones', async () => {
    const index = make();
    await index.rebuild(sampleTools());
    const summary = await index.apply({
      server: 'jira',
      added: [makeTool({ server: 'jira', name: 'add_comment', description: 'Add a comment to an issue.' })],
      changed: [makeTool({ server: 'jira', name: 'get_issue', description: 'Fetch an issue by key.' })],
      removed: ['jira.delete_issue'],
    });
    expect(summary).toMatchObject({ embedded: 2, reused: 0, removed: 1 });
    expect(index.size).toBe(10);
    expect(ids(await index.search('add comment', { limit: 1 }))).toEqual(['jira.add_comment']);
    expect(ids(await index.search('delete_issue', { limit: 10 }))).not.toContain('jira.delete_issue');
  });

  it('apply reuses what is indexed unchanged: a reconnecting server lists everything as added', async () => {
    const index = make();
    const tools = sampleTools();
    await index.rebuild(tools);
    const jira = tools.filter((t) => t.server === 'jira');
    const summary = await index.apply({ server: 'jira', added: jira, changed: [], removed: [] });
    expect(summary).toMatchObject({ embedded: 0, reused: jira.length, removed: 0 });
    expect(index.size).toBe(tools.length);
  });

  it('a rebuild keeps the records retain() accepts when the list lacks them', async () => {
    const index = make();
    const tools = sampleTools();
    await index.rebuild(tools);
    // jira has not listed yet: its records stay; the others are rebuilt from the list as usual.
    const summary = await index.rebuild(tools.filter((t) => t.server !== 'jira' && t.name !== 'chat_postMessage'), { retain: (r) => r.server === 'jira' });
    expect(summary).toMatchObject({ embedded: 0, removed: 1 });
    expect(index.size).toBe(tools.length - 1);
    expect(index.get('jira.create_issue')).toBeDefined();
    expect(index.get('slack.chat_postMessage')).toBeUndefined();
  });

  it('returns nothing for limit 0 or an empty index', async () => {
    const index = make();
    expect(await index.search('issue', { limit: 5 })).toEqual([]);
    await index.rebuild(sampleTools());
    expect(await index.search('issue', { limit: 0 })).toEqual([]);
  });
});

describe('SearchIndex embedding', () => {
  it('embeds only what changed and reports progress per batch', async () => {
    const embedder = createHashEmbedder();
    const index = createSearchIndex({ embedder, embedBatchSize: 4 });
    const progress: [number, number][] = [];
    await index.rebuild(sampleTools(), { onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([
      [4, 10],
      [8, 10],
      [10, 10],
    ]);
    expect(embedder.seen).toHaveLength(10);
    embedder.seen.length = 0;
    await index.apply({
      server: 'slack',
      added: [],
      changed: [makeTool({ server: 'slack', name: 'conversations_list', description: 'List all channels.' })],
      removed: [],
    });
    expect(embedder.seen).toEqual([expect.stringContaining('List all channels.')]);
  });

  it("embeds the embedder's own tool text when it has one, unless textOf is given", async () => {
    const own = Object.assign(createHashEmbedder(), { toolText: (r: { name: string }) => `own:${r.name}` });
    await createSearchIndex({ embedder: own }).rebuild(sampleTools().slice(0, 1));
    expect(own.seen).toEqual(['own:create_issue']);
    const given = Object.assign(createHashEmbedder(), { toolText: () => 'unused' });
    await createSearchIndex({ embedder: given, textOf: (r) => `given:${r.id}` }).rebuild(sampleTools().slice(0, 1));
    expect(given.seen).toEqual(['given:jira.create_issue']);
  });

  it('leaves the index as it was when the embedder fails', async () => {
    const embedder = createHashEmbedder();
    const index = createSearchIndex({ embedder });
    await index.rebuild(sampleTools());
    embedder.embed = async () => {
      throw new Error('model gone');
    };
    await expect(index.rebuild([makeTool({ server: 'x', name: 'y' })])).rejects.toThrow('model gone');
    expect(index.size).toBe(10);
  });
});
