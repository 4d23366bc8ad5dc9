/**
 * The management commands as real processes on a small config: catalog (list, diff, approve), keys (create
 * prints the key once, list shows only ids, revoke), index (a summary line, then reuse on the second run),
 * audit (tail and query), eval (by id and by name), and usage errors that exit 2.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SERVERS, REPO_ROOT, tempDir } from '../support/gateway.js';

const execFileAsync = promisify(execFile);
const CLI = join(REPO_ROOT, 'dist/src/cli.js');
const RETRIEVAL_FIXTURES = join(REPO_ROOT, 'test/fixtures/retrieval');

describe('toolgate management commands', () => {
  const dir = tempDir();
  const config = join(dir.path, 'toolgate.yaml');
  const toolgate = (...args: string[]) =>
    execFileAsync(process.execPath, ['--no-node-snapshot', CLI, ...args, '--config', config], { cwd: dir.path, timeout: 60_000 });
  const failing = (...args: string[]) => toolgate(...args).then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);

  beforeAll(() => {
    writeFileSync(
      config,
      `dataDir: ${join(dir.path, 'data')}
servers:
  - id: jira
    transport: stdio
    command: ${process.execPath}
    args: [${join(FIXTURE_SERVERS, 'product.mjs')}, jira]
    owner: platform
consumers:
  - consumer: triage
    allow: { tools: ["jira.*"] }
`,
    );
  });
  afterAll(() => dir.remove());

  it('catalog lists each server with status, health and tool count', async () => {
    const { stdout } = await toolgate('catalog');
    expect(stdout).toMatch(/jira\s+approved\s+healthy\s+4\s+platform/);
    expect(stdout).toContain('1 servers, 4 tools');
  }, 60_000);

  it('catalog approve pins the definitions; catalog diff then shows no change', async () => {
    expect((await toolgate('catalog', 'approve', 'jira')).stdout).toContain('approved all 4 tools of jira');
    expect((await toolgate('catalog', 'diff', 'jira')).stdout).toContain('jira: no changes since approval');
    const lock = JSON.parse(readFileSync(join(dir.path, 'data', 'catalog.lock.json'), 'utf8')) as { servers: Record<string, { tools: Record<string, unknown> }> };
    expect(Object.keys(lock.servers.jira!.tools).sort()).toEqual(['delete_issue', 'get_issue', 'search_issues', 'transition_issue']);
  }, 60_000);

  it('keys: create prints the key once, the store holds only its hash, revoke marks it', async () => {
    const created = await toolgate('keys', 'create', 'triage');
    const key = created.stdout.trim();
    expect(key).toMatch(/^tg_[A-Za-z0-9_-]{43}$/);
    const store = readFileSync(join(dir.path, 'data', 'keys.json'), 'utf8');
    expect(store).not.toContain(key);
    const id = /created key (\S+)/.exec(created.stderr)![1]!;
    expect((await toolgate('keys', 'list')).stdout).toContain(`${id}  triage`);
    expect((await toolgate('keys', 'revoke', id)).stdout).toContain(`revoked key ${id} of triage`);
    expect((await toolgate('keys', 'list')).stdout).toContain('REVOKED');
    expect((await failing('keys', 'create', 'nobody')).code).toBe(2);
  }, 60_000);

  it('index embeds on the first run and reuses everything on the second', async () => {
    expect((await toolgate('index')).stdout).toMatch(/embedded 4, reused 0, removed 0, took [\d.]+ s \(4 tools indexed\)/);
    expect((await toolgate('index')).stdout).toMatch(/embedded 0, reused 4, removed 0/);
    expect((await toolgate('index', '--full')).stdout).toMatch(/embedded 4, reused 0/);
  }, 90_000);

  it('eval prints the baseline beside the hybrid, by id or by name; a bad --level exits 2', async () => {
    const set = ['--tools', join(RETRIEVAL_FIXTURES, 'tools.jsonl'), '--queries', join(RETRIEVAL_FIXTURES, 'queries.jsonl'), '--k', '1,5'];
    const byId = (await toolgate('eval', ...set)).stdout;
    expect(byId).toMatch(/\| \S+tools\.jsonl \| bm25 \| 5 \| 3 \|/);
    expect(byId).toMatch(/\| \S+tools\.jsonl \| hybrid \| 5 \| 3 \| 1\.000 \|/);
    const byName = (await toolgate('eval', ...set, '--level', 'name')).stdout;
    expect(byName).toMatch(/\| \S+tools\.jsonl \(by name\) \| hybrid \| 5 \| 3 \|/);
    const bad = await failing('eval', ...set, '--level', 'server');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--level: id or name, got server');
  }, 60_000);

  it('audit tail and query read the audit log; bad options exit 2', async () => {
    expect((await toolgate('audit', 'tail', '-n', '5')).stdout).toBe('');
    expect((await toolgate('audit', 'query', '--consumer', 'triage', '--since', '1h')).stdout).toBe('');
    expect((await failing('audit', 'tail', '-n', 'many')).code).toBe(2);
    expect((await failing('audit', 'explode')).code).toBe(2);
    expect((await failing('no-such-command')).code).toBe(2);
  }, 60_000);
});
