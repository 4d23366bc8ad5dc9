/**
 * State that outlives the process: a consumer's daily quota counts on after the gateway restarts on the
 * same data dir (read back from the audit log), and its API key still works; a server down at the restart
 * keeps its saved vectors, and nothing of it is embedded again when it answers.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureServer, run, startGateway, tempDir, textOf } from '../support/gateway.js';

/** The fields of the last log line with this message. */
function lastLog(text: string, msg: string): Record<string, unknown> | undefined {
  const lines = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return lines.filter((l) => l.msg === msg).at(-1);
}

describe('a gateway restarted on the same data dir', () => {
  const dir = tempDir('toolgate-restart-');
  afterAll(() => dir.remove());
  const config = {
    dataDir: dir.path,
    servers: [fixtureServer('jira', 'product.mjs', ['jira'])],
    consumers: [{ consumer: 'metered', allow: { tools: ['jira.*'] }, limits: { dailyQuota: 3 } }],
  };
  const twoCalls = `const out = [];
for (const key of ['Q-1', 'Q-2']) { try { await jira.get_issue({ key }); out.push('ok'); } catch (e: any) { out.push(e.code); } }
return out;`;

  it('keeps counting the daily quota from the calls made before the restart', async () => {
    const first = await startGateway(config);
    const key = first.runtime.keys.create('metered').key;
    try {
      const client = await first.connect({ authorization: `Bearer ${key}` });
      expect(JSON.parse(textOf(await run(client, twoCalls)))).toEqual(['ok', 'ok']);
    } finally {
      await first.stop();
    }
    const second = await startGateway(config);
    try {
      const client = await second.connect({ authorization: `Bearer ${key}` });
      // 2 of 3 were used before the restart: one more call, then TG_QUOTA_EXCEEDED.
      expect(JSON.parse(textOf(await run(client, twoCalls)))).toEqual(['ok', 'TG_QUOTA_EXCEEDED']);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('a server down at the restart keeps its saved vectors; when it answers, only what changed is embedded', async () => {
    const toolsFile = join(dir.path, 'docs-tools.json');
    const tools = [
      { name: 'page_get', description: 'Fetch one wiki page by its path.' },
      { name: 'page_search', description: 'Full-text search over wiki pages.' },
      { name: 'page_delete', description: 'Delete a wiki page.' },
    ];
    writeFileSync(toolsFile, JSON.stringify(tools));
    const docs = { dataDir: join(dir.path, 'docs-data'), servers: [fixtureServer('docs', 'file-listed.mjs', [toolsFile])] };
    const first = await startGateway(docs);
    expect(lastLog(first.logs(), 'index ready')).toMatchObject({ embedded: 3, tools: 3 });
    await first.stop();

    rmSync(toolsFile); // the upstream cannot list: it is down as far as the gateway can tell
    const second = await startGateway(docs);
    try {
      expect(second.runtime.gateway.servers()[0]?.health).not.toBe('healthy');
      expect(lastLog(second.logs(), 'index ready')).toMatchObject({ embedded: 0, reused: 0, removed: 0, tools: 3 });
      // It answers again, one tool fewer: the other two keep their vectors, the gone one leaves the index.
      writeFileSync(toolsFile, JSON.stringify(tools.slice(0, 2)));
      await second.runtime.gateway.reindex('docs');
      expect(lastLog(second.logs(), 'catalog changed: index updated')).toMatchObject({ server: 'docs', embedded: 0, reused: 2, removed: 1 });
      const client = await second.connect();
      const found = textOf(await client.callTool({ name: 'search_tools', arguments: { query: 'wiki page', server: 'docs' } }));
      expect(found).toContain('page_get');
      expect(found).not.toContain('page_delete');
    } finally {
      await second.stop();
    }
  }, 60_000);
});
