/**
 * The admin API's write routes over a real socket: `POST /admin/reload` re-reads the config file the gateway
 * was started with (a good file takes effect at once; a bad one answers 422 and the running config keeps
 * serving), and `POST /admin/reindex` re-lists upstreams that changed without telling the gateway.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { auditFilePath } from '../../src/audit/log.js';
import { loadConfigFile } from '../../src/config/load.js';
import { startHttp, type HttpServer } from '../../src/http/serve-http.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { eventually, fixtureServer, run, tempDir, textOf } from '../support/gateway.js';

const ADMIN_KEY = 'admin-key-for-the-admin-routes-test-0123';

interface AdminAnswer {
  status: number;
  json: {
    ok?: boolean;
    code?: string;
    message?: string;
    added?: string[];
    removed?: string[];
    restarted?: string[];
    servers?: Array<{ meta: { id: string }; toolCount: number }>;
  };
}

describe('admin routes: reload and reindex', () => {
  const dir = tempDir('toolgate-admin-routes-');
  const configFile = join(dir.path, 'toolgate.yaml');
  const toolsFile = join(dir.path, 'tools.json');
  let runtime: Runtime;
  let http: HttpServer;
  let base: string;
  let keys: { triage: string; reporter: string };
  const clients: Client[] = [];

  /** The config as written to the file; each test writes the variant it needs. */
  const baseConfig = () => ({
    dataDir: join(dir.path, 'data'),
    servers: [fixtureServer('files', 'file-listed.mjs', [toolsFile], { autoApproveNewTools: true })],
    consumers: [{ consumer: 'triage', allow: { tools: ['*'] } }],
    auth: { adminKey: `file:${join(dir.path, 'admin-key')}` },
  });
  const writeConfig = (config: unknown) => writeFileSync(configFile, typeof config === 'string' ? config : stringify(config));
  const writeTools = (names: string[]) =>
    writeFileSync(toolsFile, JSON.stringify(names.map((name) => ({ name, description: `The ${name} tool of the file-listed server.` }))));

  const admin = async (path: string, body?: unknown, key = ADMIN_KEY): Promise<AdminAnswer> => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as AdminAnswer['json'] };
  };
  const connect = async (key: string): Promise<Client> => {
    const client = new Client({ name: 'admin-routes-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
    clients.push(client);
    return client;
  };
  /** What a bare initialize with this key gets: the HTTP status and the TG_ code, if any. */
  const initialize = async (key: string): Promise<{ status: number; code?: string }> => {
    const response = await fetch(http.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
      }),
    });
    if (response.status === 200) {
      await response.body?.cancel();
      return { status: 200 };
    }
    const body = (await response.json()) as { error?: { data?: { code?: string } } };
    return { status: response.status, code: body.error?.data?.code };
  };
  const audited = () => readFileSync(auditFilePath(join(dir.path, 'data')), 'utf8');

  beforeAll(async () => {
    writeFileSync(join(dir.path, 'admin-key'), ADMIN_KEY);
    writeTools(['alpha']);
    writeConfig(baseConfig());
    runtime = await createRuntime(loadConfigFile(configFile)!.config, { logger: pino({ level: 'silent' }) });
    await runtime.gateway.start();
    http = await startHttp(runtime, { port: 0, configPath: configFile });
    base = http.url.replace(/\/mcp$/, '');
    // Keys live in the data dir's key store, so one can exist for a consumer the config does not name yet.
    keys = { triage: runtime.keys.create('triage').key, reporter: runtime.keys.create('reporter').key };
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await http?.close();
    await runtime?.close();
    dir.remove();
  });

  it('both routes want the admin key, not a consumer key', async () => {
    for (const path of ['/admin/reload', '/admin/reindex']) {
      const refused = await admin(path, undefined, keys.triage);
      expect(refused).toEqual({ status: 401, json: expect.objectContaining({ code: 'TG_UNAUTHENTICATED' }) });
    }
    expect(audited()).toContain('"kind":"admin-auth-failure"');
  });

  it('reindex re-lists an upstream that changed silently; new tools become searchable and callable', async () => {
    const client = await connect(keys.triage);
    const callBeta = `try { return await (globalThis as any).files.beta({ n: 1 }); } catch (e: any) { return e.code ?? e.name; }`;
    writeTools(['alpha', 'beta']);
    // The server never announced the change, so the gateway still knows only alpha.
    expect(JSON.parse(textOf(await run(client, callBeta)))).toBe('TG_TOOL_NOT_FOUND');

    expect(await admin('/admin/reindex', { server: 'nope' })).toEqual({ status: 404, json: expect.objectContaining({ code: 'TG_REQUEST_INVALID' }) });
    expect((await admin('/admin/reindex', { servers: ['files'] })).status).toBe(400);

    const reindexed = await admin('/admin/reindex', { server: 'files' });
    expect(reindexed.status).toBe(200);
    expect(reindexed.json.ok).toBe(true);
    expect(reindexed.json.servers?.find((s) => s.meta.id === 'files')?.toolCount).toBe(2);
    // The route answers once the index has taken the diff: no waiting needed.
    const found = textOf(await client.callTool({ name: 'search_tools', arguments: { query: 'beta tool of the file-listed server', server: 'files' } }));
    expect(found).toContain('function beta(');
    expect(JSON.parse(textOf(await run(client, callBeta)))).toEqual({ tool: 'beta', args: { n: 1 } });

    // Without a body every upstream is re-listed: a removed tool is gone from the catalog.
    writeTools(['alpha']);
    const all = await admin('/admin/reindex');
    expect(all.status).toBe(200);
    expect(all.json.servers?.find((s) => s.meta.id === 'files')?.toolCount).toBe(1);
    expect(JSON.parse(textOf(await run(client, callBeta)))).toBe('TG_TOOL_NOT_FOUND');
  });

  it('reload applies a changed config file: a new consumer is accepted and a new server is added', async () => {
    expect(await initialize(keys.reporter)).toEqual({ status: 403, code: 'TG_CONSUMER_UNKNOWN' });
    writeTools(['alpha']);
    writeConfig({
      ...baseConfig(),
      servers: [...baseConfig().servers, fixtureServer('notes', 'echo.mjs')],
      consumers: [...baseConfig().consumers, { consumer: 'reporter', allow: { tools: ['files.alpha'] } }],
    });
    const reloaded = await admin('/admin/reload');
    expect(reloaded.status).toBe(200);
    expect(reloaded.json).toMatchObject({ ok: true, added: ['notes'], removed: [], restarted: [] });
    expect(runtime.config.consumers.map((c) => c.consumer)).toEqual(['triage', 'reporter']);

    const reporter = await connect(keys.reporter);
    expect(JSON.parse(textOf(await run(reporter, 'return await files.alpha({});')))).toEqual({ tool: 'alpha', args: {} });
    // The added server is indexed as its tools arrive; everything-allowed triage can call it once it is.
    const triage = await connect(keys.triage);
    const echo = `try { return await (globalThis as any).notes.echo({ text: 'hi' }); } catch (e: any) { return e.code ?? e.name; }`;
    await eventually(async () => (JSON.parse(textOf(await run(triage, echo))) === 'hi' ? true : undefined));
    // The new consumer's policy is the new file's: only files.alpha.
    expect(JSON.parse(textOf(await run(reporter, echo)))).toBe('TG_ACL_DENIED');
    expect(audited()).toContain('"kind":"config-reloaded"');
  });

  it('reload of a bad file answers 422 with TG_CONFIG_INVALID and keeps the running config', async () => {
    const running = runtime.config;
    const policy = runtime.policy;
    const reporter = await connect(keys.reporter);
    const bad: Array<{ file: string | null; says: RegExp }> = [
      // Fails the schema: the error names the path.
      {
        file: stringify({ ...baseConfig(), consumers: [{ consumer: 'triage', allow: { tools: ['*'] }, limits: { rateLimitPerMinute: 0 } }] }),
        says: /consumers\[0\]\.limits\.rateLimitPerMinute/,
      },
      // Not YAML at all.
      { file: 'servers: [\n  - id: files\n    transport: stdio\n  consumers: {', says: /is not valid YAML/ },
      // Valid schema, but a policy that does not compile.
      { file: stringify({ ...baseConfig(), toolGroups: { empty: [] } }), says: /toolGroups\.empty: the group names no tool/ },
      // No file at all.
      { file: null, says: /file not found/ },
    ];
    for (const { file, says } of bad) {
      if (file === null) rmSync(configFile);
      else writeConfig(file);
      const answer = await admin('/admin/reload');
      expect(answer.status).toBe(422);
      expect(answer.json.code).toBe('TG_CONFIG_INVALID');
      expect(answer.json.message).toMatch(says);
      expect(answer.json.message).toContain('The running config was kept.');
      expect(runtime.config).toBe(running);
      expect(runtime.policy).toBe(policy);
    }
    expect(audited()).toContain('"kind":"config-reload-rejected"');

    // The consumer the last good file added still works, over its open session and over a new one.
    expect(JSON.parse(textOf(await run(reporter, 'return await files.alpha({});')))).toEqual({ tool: 'alpha', args: {} });
    expect(await initialize(keys.reporter)).toEqual({ status: 200 });
    expect(runtime.gateway.servers().map((s) => s.meta.id).sort()).toEqual(['files', 'notes']);
  });

  it('a gateway started without a config file has nothing to reload (409)', async () => {
    const demo = await startHttp(runtime, { port: 0 });
    try {
      const response = await fetch(demo.url.replace(/\/mcp$/, '/admin/reload'), { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      expect(response.status).toBe(409);
      expect(((await response.json()) as { code: string }).code).toBe('TG_REQUEST_INVALID');
    } finally {
      await demo.close();
    }
  });
});
