/**
 * Upstreams that misbehave, through the whole gateway: a server that crashes mid-call gives the sandbox a
 * coded error, the gateway reconnects and the next call works; a server that announces list_changed makes
 * its new tool searchable and callable; a server that never starts does not block the others.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureServer, run, startGateway, textOf, type TestGateway } from '../support/gateway.js';

const RETRY_MS = 200;
const MAX_WAIT_MS = 20_000;

async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + MAX_WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, RETRY_MS));
  }
}

describe('misbehaving upstreams', () => {
  let gateway: TestGateway;
  let client: Client;

  beforeAll(async () => {
    gateway = await startGateway({
      servers: [
        fixtureServer('crashy', 'crashy.mjs'),
        fixtureServer('changing', 'changing.mjs', [], { autoApproveNewTools: true }),
        fixtureServer('broken', 'crashy.mjs', ['--crash-on-start']),
      ],
    });
    client = await gateway.connect();
  }, 60_000);
  afterAll(async () => gateway?.stop());

  it('a server that never starts is unhealthy and the others serve', async () => {
    const states = Object.fromEntries(gateway.runtime.gateway.servers().map((s) => [s.meta.id, s.health]));
    expect(states.crashy).toBe('healthy');
    expect(states.changing).toBe('healthy');
    expect(states.broken).not.toBe('healthy');
    const result = await run(client, `return await crashy.work({});`);
    expect(result.isError).toBeFalsy();
  });

  it('a crash mid-call is a coded error in the sandbox; after the reconnect the next call works', async () => {
    const first = JSON.parse(textOf(await run(client, `return await crashy.work({});`))) as { pid: number };
    const crashed = await run(client, `try { await crashy.work({ crash: true }); return 'no error'; } catch (e: any) { return e.code; }`);
    expect(['TG_UPSTREAM_UNAVAILABLE', 'TG_UPSTREAM_ERROR']).toContain(JSON.parse(textOf(crashed)));
    const after = await eventually(async () => {
      const result = await run(client, `return await crashy.work({});`);
      return result.isError ? undefined : (JSON.parse(textOf(result)) as { pid: number });
    });
    expect(after.pid).not.toBe(first.pid);
  });

  it('list_changed makes a new tool searchable and callable', async () => {
    const before = textOf(await client.callTool({ name: 'search_tools', arguments: { query: 'extra tool number 1', server: 'changing' } }));
    expect(before).not.toContain('extra_1');
    await run(client, `return await changing.grow({});`);
    const found = await eventually(async () => {
      const text = textOf(await client.callTool({ name: 'search_tools', arguments: { query: 'extra tool number 1', server: 'changing' } }));
      return text.includes('function extra_1(') ? text : undefined;
    });
    expect(found).toContain('declare namespace changing');
    const called = await run(client, `return await changing.extra_1({ value: 'hi' });`);
    expect(JSON.parse(textOf(called))).toEqual({ tool: 'extra_1', value: 'hi' });
  });
});
