import { afterEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../catalog/catalog.js';
import { resultValue } from '../../catalog/result.js';
import type { CatalogDiff, ServerState } from '../../catalog/types.js';
import { fixtureConfig, isAlive, TEST_BACKOFF, waitUntil } from './support.js';

const open: Catalog[] = [];
function catalogOf(...configs: ReturnType<typeof fixtureConfig>[]): { catalog: Catalog; diffs: CatalogDiff[]; health: ServerState[] } {
  const catalog = new Catalog(configs, { backoff: TEST_BACKOFF });
  const diffs: CatalogDiff[] = [];
  const health: ServerState[] = [];
  catalog.onDiff((d) => diffs.push(d));
  catalog.onHealth((s) => health.push(s));
  open.push(catalog);
  return { catalog, diffs, health };
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

describe('Catalog lifecycle', () => {
  it('a server that fails to start does not block the others and shows as unhealthy', async () => {
    // `mute` never answers the handshake (and has a long deadline): serial starts would hold `echo` up behind it.
    const mute = { ...fixtureConfig('mute', 'echo.mjs'), command: 'sleep', args: ['60'], connectTimeoutMs: 60_000 };
    const { catalog } = catalogOf(fixtureConfig('broken', 'crashy.mjs', ['--crash-on-start']), mute, fixtureConfig('echo', 'echo.mjs'));
    const started = catalog.start();
    await waitUntil(() => catalog.server('echo')?.health === 'healthy', 'echo is healthy while mute is still connecting', 20_000);
    await waitUntil(() => catalog.server('broken')?.lastError !== undefined, 'broken failed its first attempt', 20_000);
    expect(resultValue(await catalog.callTool('echo.echo', { text: 'still served' }))).toBe('still served');
    const states = Object.fromEntries(catalog.servers().map((s) => [s.meta.id, s]));
    expect(states.broken).toMatchObject({ toolCount: 0, lastError: expect.stringContaining('refusing to start') });
    expect(states.broken!.health).not.toBe('healthy');
    expect(states.mute).toMatchObject({ health: 'connecting', toolCount: 0 });
    expect(states.echo).toMatchObject({ health: 'healthy', toolCount: 7 });
    await expect(catalog.callTool('broken.work', {}, { timeoutMs: 30 })).rejects.toMatchObject({ code: 'TG_UPSTREAM_UNAVAILABLE' });
    // close() ends the attempt still in its handshake, and start() then settles.
    await catalog.close();
    await started;
    expect(catalog.servers().map((s) => s.health)).toEqual(['stopped', 'stopped', 'stopped']);
  });

  it('emits health changes as ServerStates', async () => {
    const { catalog, health } = catalogOf(fixtureConfig('echo', 'echo.mjs'));
    await catalog.start();
    expect(health.map((s) => [s.meta.id, s.health])).toEqual([
      ['echo', 'connecting'],
      ['echo', 'healthy'],
    ]);
    expect(health[1]!.toolCount).toBe(7);
    expect(Date.parse(health[1]!.connectedAt!)).not.toBeNaN();
  });

  it('adds and removes servers at runtime, with diffs for their tools and no child left behind', async () => {
    const { catalog, diffs } = catalogOf(fixtureConfig('echo', 'echo.mjs'));
    await catalog.start();
    await catalog.addServer(fixtureConfig('crashy', 'crashy.mjs'));
    expect(catalog.server('crashy')?.health).toBe('healthy');
    expect(diffs.map((d) => [d.server, d.added.length])).toEqual([
      ['echo', 7],
      ['crashy', 1],
    ]);
    await expect(catalog.addServer(fixtureConfig('crashy', 'crashy.mjs'))).rejects.toThrow('duplicate server id crashy');

    const pid = catalog.pid('crashy')!;
    await catalog.removeServer('crashy');
    expect(isAlive(pid)).toBe(false);
    expect(diffs.at(-1)).toEqual({ server: 'crashy', added: [], changed: [], removed: ['crashy.work'] });
    expect(catalog.servers().map((s) => s.meta.id)).toEqual(['echo']);
    expect(catalog.get('crashy.work')).toBeUndefined();
    await expect(catalog.callTool('crashy.work', {})).rejects.toMatchObject({ code: 'TG_TOOL_NOT_FOUND' });
  });

  it('replaceServer() swaps the connection of a changed config and diffs against the old tools', async () => {
    const { catalog, diffs } = catalogOf(fixtureConfig('echo', 'echo.mjs'));
    await catalog.start();
    const oldPid = catalog.pid('echo')!;
    // Same tools, new config (a tag and an env var): nothing to re-index.
    await catalog.replaceServer(fixtureConfig('echo', 'echo.mjs', [], { tags: ['v2'], env: { MARK: 'v2' } }));
    expect(isAlive(oldPid)).toBe(false);
    expect(catalog.server('echo')).toMatchObject({ health: 'healthy', toolCount: 7, meta: { tags: ['v2'] } });
    expect(resultValue(await catalog.callTool('echo.env', { name: 'MARK' }))).toEqual({ value: 'v2' });
    expect(diffs).toHaveLength(1);
    // A different server behind the same id: the diff says exactly what changed.
    await catalog.replaceServer(fixtureConfig('echo', 'crashy.mjs'));
    expect(diffs).toHaveLength(2);
    expect(diffs[1]!.added.map((r) => r.id)).toEqual(['echo.work']);
    expect(diffs[1]!.removed).toHaveLength(7);
  });

  it('refresh() re-lists on demand and close() leaves no child processes', async () => {
    const { catalog, diffs } = catalogOf(fixtureConfig('echo', 'echo.mjs'), fixtureConfig('changing', 'changing.mjs'), fixtureConfig('slow', 'slow.mjs'));
    await catalog.start();
    await catalog.refresh();
    expect(diffs).toHaveLength(3); // nothing changed, so no further diffs
    const pids = ['echo', 'changing', 'slow'].map((id) => catalog.pid(id)!);
    // A call in flight must not hold close() up for long nor keep its child alive.
    const pending = catalog.callTool('slow.sleep', { ms: 60_000 }).catch((error: unknown) => error);
    await catalog.close();
    expect(pids.filter(isAlive)).toEqual([]);
    expect(await pending).toMatchObject({ code: 'TG_UPSTREAM_UNAVAILABLE' });
    await expect(catalog.addServer(fixtureConfig('late', 'echo.mjs'))).rejects.toThrow('closed');
    await expect(catalog.start()).rejects.toThrow('closed');
    expect(catalog.servers().every((s) => s.health === 'stopped')).toBe(true);
  });
});
