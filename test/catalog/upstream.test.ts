import { afterEach, describe, expect, it } from 'vitest';
import { resultValue } from '../../catalog/result.js';
import { Upstream } from '../../catalog/upstream.js';
import type { CatalogDiff, ServerHealth } from '../../catalog/types.js';
import { fixtureConfig, isAlive, TEST_BACKOFF, waitUntil } from './support.js';

const open: Upstream[] = [];
function upstream(...args: Parameters<typeof fixtureConfig>): { up: Upstream; diffs: CatalogDiff[]; health: ServerHealth[] } {
  const diffs: CatalogDiff[] = [];
  const health: ServerHealth[] = [];
  const up = new Upstream(fixtureConfig(...args), { backoff: TEST_BACKOFF, onDiff: (d) => diffs.push(d), onHealth: (h) => health.push(h) });
  open.push(up);
  return { up, diffs, health };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((u) => u.close()));
});

describe('Upstream over stdio', () => {
  it('lists tools of varied shapes and returns results, isError included, as results', async () => {
    const { up } = upstream('echo', 'echo.mjs');
    await up.start();
    expect(up.health).toBe('healthy');
    expect(up.records().map((r) => r.id).sort()).toEqual(['echo.add', 'echo.describe_user', 'echo.echo', 'echo.env', 'echo.fail', 'echo.ns.dotted', 'echo.pixel']);
    expect(up.records().find((r) => r.name === 'ns.dotted')?.title).toBe('Dotted name');
    expect(resultValue(await up.callTool('add', { a: 2, b: 3 }))).toEqual({ sum: 5 });
    expect(resultValue(await up.callTool('describe_user', { id: 'u1', tags: ['dev'] }))).toEqual({ id: 'u1', name: 'User u1', tags: ['dev'] });
    const failed = await up.callTool('fail', { reason: 'no such issue' });
    expect(failed).toMatchObject({ isError: true, content: [{ type: 'text', text: 'no such issue' }] });
  });

  it('maps a JSON-RPC error from the server to TG_UPSTREAM_ERROR with its message', async () => {
    const { up } = upstream('paged', 'paged.mjs', ['--tools', '3']);
    await up.start();
    await expect(up.callTool('not_listed', {})).rejects.toMatchObject({
      code: 'TG_UPSTREAM_ERROR',
      server: 'paged',
      message: 'paged.not_listed failed: paged answered with error -32602: Unknown tool: not_listed',
    });
    expect(resultValue(await up.callTool('tool_001', {}))).toEqual({ tool: 'tool_001' });
    expect(up.health).toBe('healthy');
  });

  it('invalid arguments rejected by an McpServer come back as an isError result, not an exception', async () => {
    const { up } = upstream('echo', 'echo.mjs');
    await up.start();
    const result = await up.callTool('describe_user', { id: 42 });
    expect(result.isError).toBe(true);
    expect(() => resultValue(result, 'echo.describe_user')).toThrow(/echo\.describe_user failed: .*id/);
  });

  it('passes env with resolved secret references to the child, and inherits PATH', async () => {
    const { up } = upstream('echo', 'echo.mjs', [], { env: { API_TOKEN: 'env:TOOLGATE_TEST_SECRET', PLAIN: 'literal' } });
    process.env.TOOLGATE_TEST_SECRET = 's3cret-value';
    try {
      await up.start();
    } finally {
      delete process.env.TOOLGATE_TEST_SECRET;
    }
    expect(resultValue(await up.callTool('env', { name: 'API_TOKEN' }))).toEqual({ value: 's3cret-value' });
    expect(resultValue(await up.callTool('env', { name: 'PLAIN' }))).toEqual({ value: 'literal' });
    expect(resultValue(await up.callTool('env', { name: 'PATH' }))).toEqual({ value: process.env.PATH });
  });

  it('a missing secret makes the server unhealthy with a message naming the variable, not a value', async () => {
    const { up } = upstream('echo', 'echo.mjs', [], { env: { API_TOKEN: 'env:TOOLGATE_TEST_MISSING' } });
    await up.start();
    expect(up.health).toBe('unhealthy');
    expect(up.lastError).toBe('environment variable TOOLGATE_TEST_MISSING is not set');
  });
});

describe('crash and reconnect', () => {
  it('a crash mid-call gives TG_UPSTREAM_UNAVAILABLE, then it reconnects and the next call works', async () => {
    const { up, diffs, health } = upstream('crashy', 'crashy.mjs');
    await up.start();
    const firstPid = up.pid()!;
    expect(resultValue(await up.callTool('work', {}))).toEqual({ pid: firstPid });
    await expect(up.callTool('work', { crash: true })).rejects.toMatchObject({ code: 'TG_UPSTREAM_UNAVAILABLE', server: 'crashy' });
    // The next call waits through the scheduled reconnect (it is due well within the call's budget).
    const after = resultValue(await up.callTool('work', {})) as { pid: number };
    expect(after.pid).not.toBe(firstPid);
    expect(isAlive(firstPid)).toBe(false);
    expect(health).toEqual(['connecting', 'healthy', 'unhealthy', 'connecting', 'healthy']);
    expect(diffs).toHaveLength(1); // re-listing the same tools after the reconnect changes nothing
  });

  it('a call made while the server is still connecting waits for it', async () => {
    const { up } = upstream('echo', 'echo.mjs');
    const starting = up.start();
    expect(up.health).toBe('connecting');
    expect(resultValue(await up.callTool('echo', { text: 'early' }))).toBe('early');
    await starting;
  });

  it('a server that never starts is unhealthy with its stderr quoted, and keeps retrying', async () => {
    const { up, health } = upstream('broken', 'crashy.mjs', ['--crash-on-start']);
    await up.start();
    expect(up.health).toBe('unhealthy');
    expect(up.lastError).toContain('refusing to start');
    await waitUntil(() => health.filter((h) => h === 'connecting').length >= 3, 'two retries happened');
    await expect(up.callTool('work', {}, { timeoutMs: 50 })).rejects.toMatchObject({ code: 'TG_UPSTREAM_UNAVAILABLE' });
  });

  it('start() on a running upstream does not spawn a second child; refresh() retries a down one at once', async () => {
    const { up } = upstream('echo', 'echo.mjs');
    await up.start();
    const pid = up.pid()!;
    await Promise.all([up.start(), up.start()]);
    expect(up.pid()).toBe(pid);

    const health: ServerHealth[] = [];
    const broken = new Upstream(fixtureConfig('broken', 'crashy.mjs', ['--crash-on-start']), {
      backoff: { ...TEST_BACKOFF, baseMs: 60_000 },
      onHealth: (h) => health.push(h),
    });
    open.push(broken);
    await broken.start();
    expect(health).toEqual(['connecting', 'unhealthy']);
    await broken.refresh(); // the next retry is a minute away; refresh attempts now
    expect(health).toEqual(['connecting', 'unhealthy', 'connecting', 'unhealthy']);
    expect(broken.lastError).toContain('refusing to start');
  });

  it('a command that does not exist is unhealthy, not a thrown error', async () => {
    const up = new Upstream({ ...fixtureConfig('ghost', 'echo.mjs'), command: '/nonexistent/toolgate-no-such-binary' }, { backoff: TEST_BACKOFF });
    open.push(up);
    await up.start();
    expect(up.health).toBe('unhealthy');
    expect(up.lastError).toMatch(/ENOENT/);
  });
});

describe('timeouts and cancellation', () => {
  it('a call slower than timeoutMs is TG_UPSTREAM_TIMEOUT and the connection stays usable', async () => {
    const { up } = upstream('slow', 'slow.mjs');
    await up.start();
    await expect(up.callTool('sleep', { ms: 5_000 }, { timeoutMs: 150 })).rejects.toMatchObject({ code: 'TG_UPSTREAM_TIMEOUT', server: 'slow' });
    expect(resultValue(await up.callTool('sleep', { ms: 1 }))).toEqual({ slept: 1 });
    expect(up.health).toBe('healthy');
  });

  it('the server default callTimeoutMs applies when the call names none', async () => {
    const { up } = upstream('slow', 'slow.mjs', [], { callTimeoutMs: 100 });
    await up.start();
    await expect(up.callTool('sleep', { ms: 5_000 })).rejects.toMatchObject({ code: 'TG_UPSTREAM_TIMEOUT' });
  });

  it('an aborted signal cancels the call with a coded error', async () => {
    const { up } = upstream('slow', 'slow.mjs');
    await up.start();
    const controller = new AbortController();
    const call = up.callTool('sleep', { ms: 5_000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('execution ended')), 50);
    await expect(call).rejects.toMatchObject({ code: 'TG_UPSTREAM_TIMEOUT', message: expect.stringContaining('cancelled') });
  });

  it('many calls sharing one signal leave no listeners behind on it', async () => {
    const { up } = upstream('echo', 'echo.mjs');
    await up.start();
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const shared = new AbortController();
      for (let i = 0; i < 30; i++) await up.callTool('echo', { text: String(i) }, { signal: shared.signal });
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => /listener/i.test(w))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('a server that never finishes the handshake is unhealthy after connectTimeoutMs', async () => {
    // `sleep 30` is a process that never speaks MCP.
    const up = new Upstream({ ...fixtureConfig('mute', 'echo.mjs'), command: 'sleep', args: ['30'], connectTimeoutMs: 200 }, { backoff: { ...TEST_BACKOFF, baseMs: 10_000 } });
    open.push(up);
    await up.start();
    expect(up.health).toBe('unhealthy');
    expect(up.lastError).toMatch(/within 200 ms|timed out/i);
  });
});

describe('tool list changes', () => {
  it('re-lists on notifications/tools/list_changed and emits added, changed and removed', async () => {
    const { up, diffs } = upstream('changing', 'changing.mjs');
    await up.start();
    expect(diffs).toHaveLength(1);
    await up.callTool('grow', {});
    await waitUntil(() => diffs.length >= 2, 'the added tool was listed');
    expect(diffs[1]).toMatchObject({ server: 'changing', changed: [], removed: [] });
    expect(diffs[1]!.added.map((r) => r.id)).toEqual(['changing.extra_1']);
    expect(resultValue(await up.callTool('extra_1', { value: 'v' }))).toEqual({ tool: 'extra_1', value: 'v' });

    await up.callTool('reword', { description: 'Now it does something else.' });
    await waitUntil(() => diffs.length >= 3, 'the changed tool was listed');
    expect(diffs[2]!.changed.map((r) => [r.id, r.description])).toEqual([['changing.stable', 'Now it does something else.']]);

    await up.callTool('shrink', {});
    await waitUntil(() => diffs.length >= 4, 'the removed tool was listed');
    expect(diffs[3]).toMatchObject({ added: [], changed: [], removed: ['changing.extra_1'] });
  });

  it('picks up a tool added from outside the protocol (SIGUSR2 to the server)', async () => {
    const { up, diffs } = upstream('changing', 'changing.mjs');
    await up.start();
    process.kill(up.pid()!, 'SIGUSR2');
    await waitUntil(() => diffs.length >= 2, 'the added tool was listed');
    expect(diffs[1]!.added.map((r) => r.id)).toEqual(['changing.extra_1']);
  });

  it('re-lists after a reconnect and emits what changed while it was down', async () => {
    const { up, diffs } = upstream('changing', 'changing.mjs');
    await up.start();
    await up.callTool('grow', {});
    await waitUntil(() => diffs.length >= 2, 'extra_1 was listed');
    await expect(up.callTool('restart', {})).rejects.toMatchObject({ code: 'TG_UPSTREAM_UNAVAILABLE' });
    // The restarted process has only its original tools: the reconnect's listing removes extra_1.
    await waitUntil(() => diffs.length >= 3, 'the reconnect listing was applied');
    expect(diffs[2]).toEqual({ server: 'changing', added: [], changed: [], removed: ['changing.extra_1'] });
    expect(up.health).toBe('healthy');
  });

  it('follows nextCursor through every page of tools/list', async () => {
    const { up, diffs } = upstream('paged', 'paged.mjs', ['--tools', '57', '--page', '10']);
    await up.start();
    expect(up.records()).toHaveLength(57);
    expect(up.records()[56]!.id).toBe('paged.tool_056');
    expect(diffs[0]!.added).toHaveLength(57);
  });

  it('stops a listing whose cursors loop, keeping the tools it saw and saying why', async () => {
    const { up } = upstream('paged', 'paged.mjs', ['--tools', '25', '--page', '10', '--loop']);
    await up.start();
    expect(up.health).toBe('healthy');
    expect(up.records()).toHaveLength(25);
    expect(up.warning).toMatch(/repeated cursor/);
    expect(up.lastError).toBeUndefined();
  });
});

describe('close', () => {
  it('ends the child process, stops retrying, and is idempotent', async () => {
    const { up } = upstream('echo', 'echo.mjs');
    await up.start();
    const pid = up.pid()!;
    await Promise.all([up.close(), up.close()]);
    expect(isAlive(pid)).toBe(false);
    expect(up.health).toBe('stopped');
    await expect(up.callTool('echo', { text: 'x' })).rejects.toMatchObject({ code: 'TG_UPSTREAM_UNAVAILABLE' });
  });

  it('close during a failing retry loop leaves nothing running', async () => {
    const { up, health } = upstream('broken', 'crashy.mjs', ['--crash-on-start']);
    await up.start();
    await up.close();
    const seen = health.length;
    await new Promise((resolve) => setTimeout(resolve, 3 * TEST_BACKOFF.baseMs));
    expect(health.length).toBe(seen);
    expect(up.health).toBe('stopped');
  });
});
