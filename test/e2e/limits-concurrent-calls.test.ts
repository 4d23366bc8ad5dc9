/**
 * `limits.concurrentCallsPerExecution`: code that starts four slow calls at once with Promise.all never has
 * more than that many in flight at the upstream; the others wait for a slot and all four still succeed.
 * The upstream is a Streamable HTTP MCP server in this process that counts the calls it is serving, so the
 * bound is observed where it matters rather than inferred from timing. A consumer whose own limit is wider
 * shows the same code reaching four at once, so the counter can see past two.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { z } from 'zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run, startGateway, textOf, type TestGateway } from '../support/gateway.js';

const HOLD_MS = 250; // long enough that calls started together overlap at the upstream

/** An MCP upstream whose `hold` tool waits HOLD_MS and records the most calls it was serving at once. */
async function startCountingUpstream(): Promise<{
  url: string;
  maxInFlight: () => number;
  reset: () => void;
  close: () => Promise<void>;
}> {
  let inFlight = 0;
  let max = 0;
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const http: Server = createServer((req, res) => {
    const id = req.headers['mcp-session-id'];
    const existing = typeof id === 'string' ? transports.get(id) : undefined;
    const handle = async () => {
      if (existing) return existing.handleRequest(req, res);
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sid) => void transports.set(sid, transport),
      });
      const server = new McpServer({ name: 'counting', version: '1.0.0' });
      server.registerTool(
        'hold',
        { description: 'Waits a moment, then answers with its tag.', inputSchema: { tag: z.number() } },
        async ({ tag }) => {
          inFlight++;
          max = Math.max(max, inFlight);
          await sleep(HOLD_MS);
          inFlight--;
          return { content: [{ type: 'text', text: JSON.stringify({ tag }) }] };
        },
      );
      await server.connect(transport);
      return transport.handleRequest(req, res);
    };
    handle().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
    maxInFlight: () => max,
    reset: () => void (max = 0),
    async close() {
      await Promise.all([...transports.values()].map((t) => t.close()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

const FOUR_AT_ONCE = `return await Promise.all([1, 2, 3, 4].map((tag) => counting.hold({ tag })));`;

describe('limits.concurrentCallsPerExecution', () => {
  let upstream: Awaited<ReturnType<typeof startCountingUpstream>>;
  let gateway: TestGateway;
  let paired: Client;
  let wide: Client;

  beforeAll(async () => {
    upstream = await startCountingUpstream();
    gateway = await startGateway({
      servers: [{ id: 'counting', transport: 'http', url: upstream.url }],
      limits: { concurrentCallsPerExecution: 2 }, // the gateway-wide default
      consumers: [
        { consumer: 'paired', allow: { tools: ['counting.*'] }, outbound: { allowDomains: ['*'] } },
        {
          consumer: 'wide',
          allow: { tools: ['counting.*'] },
          outbound: { allowDomains: ['*'] },
          limits: { concurrentCallsPerExecution: 8 },
        },
      ],
    });
    paired = await gateway.connect({ authorization: `Bearer ${gateway.runtime.keys.create('paired').key}` });
    wide = await gateway.connect({ authorization: `Bearer ${gateway.runtime.keys.create('wide').key}` });
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
  });
  beforeEach(() => upstream.reset());

  it('with the limit at 2, the upstream never serves more than 2 of the execution’s calls at once', async () => {
    const result = await run(paired, FOUR_AT_ONCE);
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(JSON.parse(textOf(result))).toEqual([{ tag: 1 }, { tag: 2 }, { tag: 3 }, { tag: 4 }]);
    expect(upstream.maxInFlight()).toBe(2);
  });

  it('a consumer’s own wider limit wins: the same code reaches the upstream four at once', async () => {
    const result = await run(wide, FOUR_AT_ONCE);
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(upstream.maxInFlight()).toBe(4);
  });
});
