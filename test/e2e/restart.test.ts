/**
 * State that outlives the process: a consumer's daily quota counts on after the gateway restarts on the
 * same data dir (read back from the audit log), and its API key still works.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureServer, run, startGateway, tempDir, textOf } from '../support/gateway.js';

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
});
