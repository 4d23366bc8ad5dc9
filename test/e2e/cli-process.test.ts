/**
 * The real CLI as a process: stdio serving driven by the SDK client, the MCP Inspector CLI against
 * Streamable HTTP, graceful shutdown that leaves no upstream child behind, and a broken config that exits 2.
 * Runs the built CLI (`npm test` builds first).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESIGN_EXAMPLE } from '../src/policy/triage-fixture.js';
import { REPO_ROOT, tempDir, textOf } from '../support/gateway.js';

const execFileAsync = promisify(execFile);
const CLI = join(REPO_ROOT, 'dist/src/cli.js');
const INSPECTOR = join(REPO_ROOT, 'node_modules/@modelcontextprotocol/inspector/cli/build/cli.js');
const NODE_ARGS = ['--no-node-snapshot', CLI];
const STARTUP_TIMEOUT_MS = 45_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Direct children of a process, from /proc (Linux). */
async function childrenOf(pid: number): Promise<number[]> {
  const { stdout } = await execFileAsync('ps', ['-o', 'pid=', '--ppid', String(pid)]).catch(() => ({ stdout: '' }));
  return stdout.split('\n').map((s) => Number(s.trim())).filter((n) => n > 0);
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Starts `toolgate serve` on an ephemeral port; resolves with the URL it prints. */
async function serveHttp(dataDir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [...NODE_ARGS, 'serve', '--port', '0', '--data-dir', dataDir], { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await waitFor('the URL', () => /ready at (http:\/\/\S+\/mcp)/.exec(out)?.[1], STARTUP_TIMEOUT_MS);
  return { child, url, output: () => out };
}

describe('the toolgate CLI as a process', () => {
  const cleanups: Array<() => void> = [];
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  });
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  it('serves stdio to the SDK client: two tools, a search, and code that calls server-memory', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [...NODE_ARGS, 'serve', '--stdio', '--data-dir', dir.path], cwd: dir.path, stderr: 'ignore' }));
    try {
      expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(['execute_code', 'search_tools']);
      expect(textOf(await client.callTool({ name: 'search_tools', arguments: { query: 'read graph' } }))).toContain('declare namespace memory');
      const result = await client.callTool({
        name: 'execute_code',
        arguments: { code: `await memory.create_entities({ entities: [{ name: 'Grace', entityType: 'person', observations: [] }] }); return (await memory.read_graph({}) as any).entities.length;` },
      });
      expect(result.isError).toBeFalsy();
      expect(Number(textOf(result))).toBeGreaterThanOrEqual(1);
    } finally {
      await client.close();
    }
  }, 90_000);

  it('the MCP Inspector CLI lists the two tools and calls search_tools over Streamable HTTP; SIGTERM leaves no orphans', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const { child, url } = await serveHttp(dir.path);
    try {
      const children = await waitFor('three upstream children', async () => {
        const pids = await childrenOf(child.pid!);
        return pids.length >= 3 ? pids : undefined;
      }, STARTUP_TIMEOUT_MS);

      const list = await execFileAsync(process.execPath, [INSPECTOR, '--cli', url, '--transport', 'http', '--method', 'tools/list'], { timeout: 60_000 });
      const names = (JSON.parse(list.stdout) as { tools: Array<{ name: string }> }).tools.map((t) => t.name).sort();
      expect(names).toEqual(['execute_code', 'search_tools']);

      const call = await execFileAsync(
        process.execPath,
        [INSPECTOR, '--cli', url, '--transport', 'http', '--method', 'tools/call', '--tool-name', 'search_tools', '--tool-arg', 'query=echo a message'],
        { timeout: 60_000 },
      );
      expect(call.stdout).toContain('declare namespace everything');

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await waitFor('the upstream children to be gone', () => (children.every((pid) => !alive(pid)) ? true : undefined), 10_000);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 150_000);

  it('a broken config exits 2 and names the path of each error', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const file = join(dir.path, 'toolgate.yaml');
    writeFileSync(file, 'consumers:\n  - consumer: agent\n    limits:\n      rateLimitPerMinute: -5\nservers:\n  - id: Bad.Id\n    transport: stdio\n    command: x\n');
    const failure = await execFileAsync(process.execPath, [...NODE_ARGS, 'check-config', '--config', file]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('consumers[0].limits.rateLimitPerMinute: expected a positive integer');
    expect(failure?.stderr).toContain('servers[0].id');
  }, 30_000);

  it('the DESIGN.md policy example loads as written', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const file = join(dir.path, 'toolgate.yaml');
    writeFileSync(
      file,
      `toolGroups:
  jira-triage: ["jira.get_*", "jira.search*"]
  notion-read: ["notion.retrieve*"]
  slack-post: ["slack.chat_postMessage"]
consumers:
${DESIGN_EXAMPLE.replace(/^(?=.)/gm, '    ').replace(/^ {4}consumer/, '  - consumer')}`,
    );
    const { stdout } = await execFileAsync(process.execPath, [...NODE_ARGS, 'check-config', '--config', file]);
    expect(stdout).toContain('ok (0 servers, 1 consumers, 3 tool groups)');
  }, 30_000);
});
