import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEstates, loadJsonl } from '../../../index/eval/load.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/retrieval');

describe('eval loaders', () => {
  it('reads the uniform format and skips queries without resolvable gold', async () => {
    const data = await loadJsonl(join(FIXTURES, 'tools.jsonl'), join(FIXTURES, 'queries.jsonl'), 'fixture');
    expect(data.tools.map((t) => t.id)).toEqual([
      'weather.get_forecast', 'jira.create_issue', 'slack.post_message', 'github.list_repos', 'files.delete_file',
    ]);
    expect(data.tools[0]).toMatchObject({ name: 'get_forecast', description: 'Get the weather forecast for a city.' });
    expect(data.tools[0]?.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(data.queries.map((q) => q.qid)).toEqual(['q1', 'q2', 'q3']);
    expect(data.queries[2]?.gold).toEqual(['slack.post_message', 'github.list_repos']);
    expect(data.skipped).toBe(2);
  });

  it('reads an estates folder and its subfolders with ids <server>.<tool>, dots in tool names kept', async () => {
    const data = await loadEstates(join(FIXTURES, 'estates'), join(FIXTURES, 'estate-queries.jsonl'));
    expect(data.tools.map((t) => [t.id, t.server, t.name])).toEqual([
      ['notes.add_note', 'notes', 'add_note'],
      ['slack.post_message', 'slack', 'post_message'],
      ['weather.get_forecast', 'weather', 'get_forecast'],
      ['weather.alerts.list', 'weather', 'alerts.list'],
    ]);
    expect(data.queries.map((q) => q.gold)).toEqual([['weather.alerts.list'], ['slack.post_message']]);
  });

  it('names the file and line of a broken JSONL line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tg-eval-'));
    const broken = join(dir, 'tools.jsonl');
    await writeFile(broken, '{"id": "a.b", "name": "b", "description": ""}\n{"id": oops}\n');
    await expect(loadJsonl(broken, join(FIXTURES, 'queries.jsonl'))).rejects.toThrow(/tools\.jsonl:2: not valid JSON/);
    await rm(dir, { recursive: true, force: true });
  });
});
