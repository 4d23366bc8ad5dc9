import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../catalog/catalog.js';
import { referenceServerEntry } from '../../catalog/reference-servers.js';
import { resultValue } from '../../catalog/result.js';
import { ServerConfigSchema } from '../../catalog/server-config.js';
import type { CatalogDiff } from '../../catalog/types.js';
import { isAlive, TEST_BACKOFF } from './support.js';

describe('Catalog with the real reference servers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toolgate-catalog-'));
  const root = join(dir, 'files');
  const diffs: CatalogDiff[] = [];
  let catalog: Catalog;

  beforeAll(async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(root);
    const configs = [
      { id: 'memory', transport: 'stdio', command: process.execPath, args: [referenceServerEntry('memory')], env: { MEMORY_FILE_PATH: join(dir, 'memory.jsonl') }, owner: 'platform', tags: ['demo'] },
      { id: 'filesystem', transport: 'stdio', command: process.execPath, args: [referenceServerEntry('filesystem'), root] },
      { id: 'everything', transport: 'stdio', command: process.execPath, args: [referenceServerEntry('everything'), 'stdio'], egress: ['example.com'] },
    ].map((config) => ServerConfigSchema.parse(config));
    catalog = new Catalog(configs, { backoff: TEST_BACKOFF });
    catalog.onDiff((diff) => diffs.push(diff));
    await catalog.start();
  });

  afterAll(async () => {
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every server healthy with its tools, metadata from config', () => {
    const states = Object.fromEntries(catalog.servers().map((s) => [s.meta.id, s]));
    expect(Object.keys(states).sort()).toEqual(['everything', 'filesystem', 'memory']);
    for (const state of Object.values(states)) {
      expect(state.health).toBe('healthy');
      expect(state.toolCount).toBeGreaterThan(0);
    }
    expect(states.memory!.meta).toMatchObject({ owner: 'platform', tags: ['demo'], status: 'approved', egress: [] });
    expect(states.everything!.meta.egress).toEqual(['example.com']);
    expect(catalog.get('memory.create_entities')).toMatchObject({ server: 'memory', name: 'create_entities' });
    expect(catalog.get('filesystem.write_file')?.inputSchema).toMatchObject({ type: 'object' });
    expect(catalog.records().length).toBe(catalog.servers().reduce((n, s) => n + s.toolCount, 0));
  });

  it('emitted one initial diff per server with all its tools added', () => {
    for (const server of ['memory', 'filesystem', 'everything']) {
      const initial = diffs.filter((d) => d.server === server);
      expect(initial).toHaveLength(1);
      expect(initial[0]!.added.length).toBe(catalog.server(server)!.toolCount);
    }
  });

  it('creates an entity in server-memory and reads it back', async () => {
    const entity = { name: 'Toolgate', entityType: 'project', observations: ['a code mode gateway'] };
    await catalog.callTool('memory.create_entities', { entities: [entity] });
    const graph = resultValue(await catalog.callTool('memory.read_graph', {}), 'memory.read_graph') as { entities: unknown[] };
    expect(graph.entities).toContainEqual(entity);
  });

  it('writes a file through server-filesystem and reads it back', async () => {
    const path = join(root, 'note.txt');
    await catalog.callTool('filesystem.write_file', { path, content: 'hello from toolgate' });
    const read = await catalog.callTool('filesystem.read_text_file', { path });
    expect(resultValue(read)).toEqual({ content: 'hello from toolgate' });
  });

  it('calls a tool of server-everything', async () => {
    const echoed = await catalog.callTool('everything.echo', { message: 'hi' });
    expect(resultValue(echoed)).toBe('Echo: hi');
  });

  it('reports a filesystem error result as TG_UPSTREAM_ERROR with the upstream message', async () => {
    const outside = await catalog.callTool('filesystem.read_text_file', { path: '/etc/hostname' });
    expect(outside.isError).toBe(true);
    expect(() => resultValue(outside, 'filesystem.read_text_file')).toThrow(/filesystem\.read_text_file failed: .*(denied|outside)/i);
  });

  it('rejects unknown servers and unknown tools with TG_TOOL_NOT_FOUND', async () => {
    await expect(catalog.callTool('nope.tool', {})).rejects.toMatchObject({ code: 'TG_TOOL_NOT_FOUND' });
    await expect(catalog.callTool('memory.no_such_tool', {})).rejects.toMatchObject({ code: 'TG_TOOL_NOT_FOUND', server: 'memory' });
    await expect(catalog.callTool('nodot', {})).rejects.toMatchObject({ code: 'TG_TOOL_NOT_FOUND' });
  });

  it('close() stops every child process and is idempotent', async () => {
    const pids = ['memory', 'filesystem', 'everything'].map((id) => catalog.pid(id));
    expect(pids.every((pid) => pid !== undefined && isAlive(pid))).toBe(true);
    await Promise.all([catalog.close(), catalog.close()]);
    expect(pids.filter((pid) => isAlive(pid!))).toEqual([]);
    expect(catalog.servers().map((s) => s.health)).toEqual(['stopped', 'stopped', 'stopped']);
    await expect(catalog.callTool('memory.read_graph', {})).rejects.toMatchObject({ code: 'TG_UPSTREAM_UNAVAILABLE' });
  });
});
