/**
 * The walking skeleton over Streamable HTTP: the real SDK client sees exactly two tools, searches the demo
 * catalog, and runs code that calls the real reference servers (memory, filesystem) through the sandbox.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, startGateway, textOf, type TestGateway } from '../support/gateway.js';

describe('demo catalog over Streamable HTTP', () => {
  let gateway: TestGateway;
  let client: Client;

  beforeAll(async () => {
    gateway = await startGateway('demo');
    client = await gateway.connect();
  }, 60_000);
  afterAll(async () => gateway?.stop());

  it('lists exactly search_tools and execute_code, with instructions', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['execute_code', 'search_tools']);
    expect(client.getInstructions()).toContain('search_tools');
  });

  it('finds memory tools and answers with TypeScript declarations', async () => {
    const result = await client.callTool({ name: 'search_tools', arguments: { query: 'create entities in the knowledge graph', limit: 3 } });
    const text = textOf(result);
    expect(text).toContain('declare namespace memory');
    expect(text).toMatch(/function create_entities\(/);
  });

  it('browses servers when the query is empty', async () => {
    const text = textOf(await client.callTool({ name: 'search_tools', arguments: {} }));
    expect(text).toMatch(/- everything \(\d+ tools\)/);
    expect(text).toMatch(/- filesystem \(\d+ tools\)/);
    expect(text).toMatch(/- memory \(\d+ tools\)/);
  });

  it('creates an entity in server-memory and reads it back', async () => {
    const result = await run(
      client,
      `await memory.create_entities({ entities: [{ name: 'Ada', entityType: 'person', observations: ['works on the compiler'] }] });
       const graph: any = await memory.read_graph({});
       return graph.entities.find((e: any) => e.name === 'Ada');`,
    );
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(textOf(result))).toMatchObject({ name: 'Ada', entityType: 'person', observations: ['works on the compiler'] });
  });

  it('writes a file through server-filesystem and reads it back', async () => {
    const root = join(gateway.dataDir, 'demo-files');
    const result = await run(
      client,
      `await filesystem.write_file({ path: ${JSON.stringify(join(root, 'note.txt'))}, content: 'hello from the sandbox' });
       const read = await filesystem.read_text_file({ path: ${JSON.stringify(join(root, 'note.txt'))} });
       console.log('read back');
       return read;`,
    );
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toContain('hello from the sandbox');
    expect(textOf(result)).toContain('read back');
    expect(readFileSync(join(root, 'note.txt'), 'utf8')).toBe('hello from the sandbox');
  });

  it('a failed upstream call throws a coded error the code can catch', async () => {
    const result = await run(
      client,
      `try { await filesystem.read_text_file({ path: '/etc/passwd' }); return 'read it'; }
       catch (e: any) { return { code: e.code, tool: e.toolId, mentionsPath: String(e.message).includes('passwd') }; }`,
    );
    expect(JSON.parse(textOf(result))).toEqual({ code: 'TG_UPSTREAM_ERROR', tool: 'filesystem.read_text_file', mentionsPath: true });
  });

  it('invalid arguments are refused before the upstream with TG_ARGS_INVALID', async () => {
    const result = await run(client, `return await memory.create_entities({ entities: 'not an array' } as any);`);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('TG_ARGS_INVALID');
  });

  it('an unknown tool in the sandbox is TG_TOOL_NOT_FOUND', async () => {
    const result = await run(client, `return await memory.no_such_tool({});`);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('TG_TOOL_NOT_FOUND');
  });

  it('a syntax error is TG_CODE_INVALID with the line as written', async () => {
    const result = await run(client, `const a = 1;\nconst b = ;\nreturn a;`);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/TG_CODE_INVALID.*line 2/s);
  });

  it('calling a tool that is not listed is a JSON-RPC error, and the session keeps working', async () => {
    await expect(client.callTool({ name: 'memory.read_graph', arguments: {} })).rejects.toThrow(/Unknown tool/);
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(2);
  });

  it('bad arguments to a meta-tool come back as isError with what to fix', async () => {
    const result = await client.callTool({ name: 'search_tools', arguments: { query: 42 } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/TG_REQUEST_INVALID.*query/);
  });
});
