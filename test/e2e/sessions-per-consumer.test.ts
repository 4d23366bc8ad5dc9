/**
 * One consumer holds at most MAX_SESSIONS_PER_CONSUMER open sessions: its next initialize closes its least
 * recently used one, so a client that never ends sessions recycles its own and never fills the store for
 * another consumer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SESSIONS_PER_CONSUMER, mayOpenSession } from '../../src/http/sessions.js';
import { MCP_INITIALIZE, MCP_POST_HEADERS, startGateway, type TestGateway } from '../support/gateway.js';

describe('sessions per consumer', () => {
  let gateway: TestGateway;
  let leaky: string;
  let other: string;

  beforeAll(async () => {
    gateway = await startGateway({
      servers: [],
      consumers: [
        { consumer: 'leaky', allow: { tools: ['*'] } },
        { consumer: 'other', allow: { tools: ['*'] } },
      ],
    });
    leaky = gateway.runtime.keys.create('leaky').key;
    other = gateway.runtime.keys.create('other').key;
  }, 60_000);
  afterAll(async () => gateway?.stop());

  const post = (key: string, body: unknown, session?: string) =>
    fetch(gateway.http.url, {
      method: 'POST',
      headers: { ...MCP_POST_HEADERS, authorization: `Bearer ${key}`, ...(session ? { 'mcp-session-id': session } : {}) },
      body: JSON.stringify(body),
    });
  const open = async (key: string): Promise<string> => {
    const response = await post(key, MCP_INITIALIZE);
    await response.text();
    return response.headers.get('mcp-session-id')!;
  };
  const listTools = (key: string, session: string) => post(key, { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }, session);

  it('recycles the least recently used session of the consumer at its limit, and only its own', async () => {
    const otherSession = await open(other);
    const sessions: string[] = [];
    for (let i = 0; i < MAX_SESSIONS_PER_CONSUMER; i++) sessions.push(await open(leaky));
    expect(gateway.http.sessions.countFor('leaky')).toBe(MAX_SESSIONS_PER_CONSUMER);
    // The first one is used again, so the second is now the least recently used.
    expect((await listTools(leaky, sessions[0]!)).status).toBe(200);
    const newest = await open(leaky);
    expect(gateway.http.sessions.countFor('leaky')).toBe(MAX_SESSIONS_PER_CONSUMER);
    expect((await listTools(leaky, sessions[1]!)).status).toBe(404);
    expect((await listTools(leaky, sessions[0]!)).status).toBe(200);
    expect((await listTools(leaky, newest)).status).toBe(200);
    expect((await listTools(other, otherSession)).status).toBe(200);
  }, 60_000);

  it('a full store still lets a consumer at its own limit recycle; any other consumer waits for room', () => {
    expect(mayOpenSession({ open: 999, max: 1000, own: 0, perConsumer: 50 })).toBe(true);
    expect(mayOpenSession({ open: 1000, max: 1000, own: 10, perConsumer: 50 })).toBe(false);
    expect(mayOpenSession({ open: 1000, max: 1000, own: 50, perConsumer: 50 })).toBe(true);
  });
});
