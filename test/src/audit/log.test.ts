import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { auditArgs } from '../../../src/audit/args.js';
import { auditFilePath, openAuditLog } from '../../../src/audit/log.js';
import { queryAudit, tailAudit } from '../../../src/audit/query.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'tg-audit-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function lines(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('audit log', () => {
  it('writes each call when it is made and one record per execution holding its calls when it ends', () => {
    const dataDir = tempDir();
    const audit = openAuditLog({ dataDir });
    const ex = audit.begin({ executionId: 'ex-1', consumer: 'daily-triage-agent', session: 's-1', code: 'return 1;' });
    ex.call({ tool: 'jira.get_issue', ...auditArgs({ key: 'OPS-1' }, 'redact'), decision: 'allow', rule: 'allow.toolGroups[0]=jira-triage', latencyMs: 1.5, bytes: 120 });
    // On disk before the execution ends: a crash now would not lose the call.
    expect(lines(auditFilePath(dataDir))).toEqual([
      expect.objectContaining({ kind: 'call', executionId: 'ex-1', consumer: 'daily-triage-agent', session: 's-1', seq: 0, tool: 'jira.get_issue', args: { key: 'OPS-1' }, decision: 'allow', bytes: 120 }),
    ]);
    ex.call({ tool: 'slack.delete_channel', ...auditArgs({ channel: 'C1' }, 'hash'), decision: 'deny', rule: 'deny.tools[0]=slack.delete_channel', latencyMs: 0.01, errorCode: 'TG_ACL_DENIED' });
    ex.end({ outcome: 'error', errorCode: 'TG_ACL_DENIED' });
    expect(() => ex.call({ tool: 'x.y', argsHash: 'sha256:00', argsBytes: 2, decision: 'allow', latencyMs: 0 })).toThrow('already audited');
    const written = lines(auditFilePath(dataDir));
    expect(written.map((r) => r.kind)).toEqual(['call', 'call', 'execution']);
    expect(written[1]).not.toHaveProperty('args');
    const record = written[2];
    expect(record).toMatchObject({
      level: 'info', kind: 'execution', executionId: 'ex-1', consumer: 'daily-triage-agent', session: 's-1',
      code: { sha256: createHash('sha256').update('return 1;').digest('hex'), bytes: 9 },
      outcome: 'error', errorCode: 'TG_ACL_DENIED',
      calls: [
        { seq: 0, tool: 'jira.get_issue', args: { key: 'OPS-1' }, decision: 'allow', rule: 'allow.toolGroups[0]=jira-triage', bytes: 120 },
        { seq: 1, tool: 'slack.delete_channel', decision: 'deny', rule: 'deny.tools[0]=slack.delete_channel', errorCode: 'TG_ACL_DENIED' },
      ],
    });
    expect((record!.calls as Array<Record<string, unknown>>)[1]).not.toHaveProperty('args');
    expect(typeof record!.time).toBe('string');
    audit.close();
  });

  it('hashes arguments canonically and stores large ones as a hash only', () => {
    expect(auditArgs({ a: 1, b: 2 }, 'hash').argsHash).toBe(auditArgs({ b: 2, a: 1 }, 'hash').argsHash);
    const big = auditArgs({ blob: 'x'.repeat(10_000) }, 'redact');
    expect(big).not.toHaveProperty('args');
    expect(big.argsBytes).toBe(10_011);
    expect(auditArgs({ email: 'a@b.c' }, 'redact', () => ({ email: '[REDACTED]' })).args).toEqual({ email: '[REDACTED]' });
  });

  it('refuses to audit one execution twice', () => {
    const audit = openAuditLog({ dataDir: tempDir() });
    const ex = audit.begin({ executionId: 'ex', consumer: 'c', code: '' });
    ex.end({ outcome: 'ok' });
    expect(() => ex.end({ outcome: 'ok' })).toThrow('already audited');
    audit.close();
  });

  it('loses no acknowledged call when the writing process is killed with SIGKILL mid-stream', async () => {
    const dataDir = tempDir();
    // Bundle the child with the real audit module; put it inside the project so `pino` resolves from node_modules.
    const outfile = resolve('node_modules/.cache/toolgate-test/sigkill-writer.mjs');
    buildSync({ entryPoints: [resolve('test/src/audit/sigkill-writer.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'error' });
    const child = spawn(process.execPath, [outfile, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let acknowledged = -1;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const KILL_AFTER = 300; // records acknowledged before the kill
    const exit = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
    let buffered = '';
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const p of parts) acknowledged = Number(p);
      if (acknowledged >= KILL_AFTER) child.kill('SIGKILL');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const signal = await exit;
    clearTimeout(timer);
    expect(stderr).toBe('');
    expect(signal).toBe('SIGKILL');
    expect(acknowledged).toBeGreaterThanOrEqual(KILL_AFTER);
    const records = lines(auditFilePath(dataDir));
    const called = new Set(records.filter((r) => r.kind === 'call' && r.tool === 'jira.get_issue').map((r) => r.executionId));
    for (let i = 0; i <= acknowledged; i += 1) expect(called.has(`ex-${i}`)).toBe(true);
    expect(records.length).toBeLessThan(100_000); // killed mid-stream, not finished
  });
});

describe('audit queries', () => {
  function seed(): string {
    const file = join(tempDir(), 'audit.jsonl');
    const rec = (time: string, consumer: string, tools: string[]) =>
      JSON.stringify({ level: 'info', time, kind: 'execution', executionId: `${consumer}-${time}`, consumer, calls: tools.map((tool, seq) => ({ seq, tool })) });
    writeFileSync(file, [
      rec('2026-11-20T10:00:00.000Z', 'a', ['jira.get_issue']),
      rec('2026-11-21T09:00:00.000Z', 'b', ['slack.post_message', 'jira.create_issue']),
      'not json',
      rec('2026-11-21T10:00:00.000Z', 'a', ['notion.search']),
    ].join('\n') + '\n');
    return file;
  }

  it('filters by consumer, tool pattern and time, keeping only matching calls', async () => {
    const file = seed();
    expect((await queryAudit(file, { consumer: 'a' })).map((r) => r.executionId)).toEqual(['a-2026-11-20T10:00:00.000Z', 'a-2026-11-21T10:00:00.000Z']);
    const jira = await queryAudit(file, { tool: 'jira.*', since: '2026-11-21T00:00:00Z' });
    expect(jira).toHaveLength(1);
    expect(jira[0]!.calls).toEqual([{ seq: 1, tool: 'jira.create_issue' }]);
    const recent = await queryAudit(file, { since: '2h', now: Date.parse('2026-11-21T11:00:00Z') });
    expect(recent.map((r) => r.consumer)).toEqual(['b', 'a']); // since is inclusive: 09:00 counts
  });

  it('returns the call records of an execution that never ended (the gateway died), in time order', async () => {
    const file = seed();
    const call = (time: string, executionId: string, seq: number, tool: string) =>
      JSON.stringify({ level: 'info', time, kind: 'call', executionId, consumer: 'a', seq, tool, decision: 'allow' });
    writeFileSync(file, [
      call('2026-11-21T09:30:00.000Z', 'a-crashed', 0, 'jira.delete_issue'),
      call('2026-11-21T09:30:01.000Z', 'a-crashed', 1, 'slack.post_message'),
      call('2026-11-21T11:00:00.000Z', 'a-done', 0, 'notion.search'),
      JSON.stringify({ level: 'info', time: '2026-11-21T11:00:01.000Z', kind: 'execution', executionId: 'a-done', consumer: 'a', calls: [{ seq: 0, tool: 'notion.search' }] }),
    ].join('\n') + '\n', { flag: 'a' });
    // A finished execution is returned once, as its execution record; the crashed one as its calls, in time order.
    const a = await queryAudit(file, { consumer: 'a' });
    expect(a.map((r) => `${r.kind}:${r.executionId}`)).toEqual([
      'execution:a-2026-11-20T10:00:00.000Z',
      'call:a-crashed',
      'call:a-crashed',
      'execution:a-2026-11-21T10:00:00.000Z',
      'execution:a-done',
    ]);
    expect((await queryAudit(file, { tool: 'jira.delete*' })).map((r) => r.tool)).toEqual(['jira.delete_issue']);
    expect(await queryAudit(file, { consumer: 'a', limit: 2 })).toHaveLength(2);
  });

  it('rejects a since it cannot read', async () => {
    await expect(queryAudit(seed(), { since: 'yesterday-ish' })).rejects.toMatchObject({ code: 'TG_REQUEST_INVALID', message: expect.stringContaining('since: expected an ISO time') });
  });

  it('tails the last n records, oldest first, across chunk boundaries', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    for (let i = 0; i < 3_000; i += 1) appendFileSync(file, JSON.stringify({ time: 't', kind: 'x', i, pad: 'é'.repeat(20) }) + '\n');
    const last = await tailAudit(file, 5);
    expect(last.map((r) => r.i)).toEqual([2995, 2996, 2997, 2998, 2999]);
    expect(last[0]!.pad).toBe('é'.repeat(20));
    expect((await tailAudit(file, 10_000)).length).toBe(3_000);
    expect(await tailAudit(join(tempDir(), 'none.jsonl'), 3)).toEqual([]);
  });
});

describe('audit log failures', () => {
  it('fails at open with the path when the data dir cannot hold the file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-dir'), '');
    expect(() => openAuditLog({ dataDir: join(dir, 'not-a-dir') })).toThrow(/not-a-dir/);
  });
});
