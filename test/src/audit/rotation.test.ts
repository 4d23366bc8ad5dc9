/**
 * The audit log rotates by size: the live file moves aside as audit-<UTC time>.jsonl, the new one starts
 * with a record naming it, nothing is lost across files, readers go through every file in order, and
 * pruning (opt-in) keeps the newest rotated files.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditFilePath, openAuditLog } from '../../../src/audit/log.js';
import { queryAudit, tailAudit } from '../../../src/audit/query.js';
import { auditFiles, rotatedFiles, rotatedName } from '../../../src/audit/rotation.js';
import { parseConfig } from '../../../src/config/load.js';
import { DEFAULT_AUDIT_ROTATE_BYTES } from '../../../src/config/schema.js';

const ROTATE_BYTES = 2_000;
const EXECUTIONS = 60; // ~400 bytes each with its call record: about a dozen rotations

function runExecutions(dataDir: string, keepFiles = 0): void {
  const audit = openAuditLog({ dataDir, rotateBytes: ROTATE_BYTES, keepFiles, onError: (e) => { throw e; } });
  for (let i = 0; i < EXECUTIONS; i++) {
    const ex = audit.begin({ executionId: `ex-${i}`, consumer: i % 2 === 0 ? 'even' : 'odd', code: `return ${i};` });
    ex.call({ tool: 'jira.get_issue', argsHash: 'sha256:00', argsBytes: 2, decision: 'allow', latencyMs: 0.1 });
    ex.end({ outcome: 'ok' });
  }
  audit.close();
}

const records = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('audit rotation', () => {
  it('moves the live file aside at rotateBytes, chains the files, and loses no record', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'toolgate-audit-'));
    runExecutions(dataDir);
    const rotated = rotatedFiles(dataDir);
    expect(rotated.length).toBeGreaterThan(5);
    const files = auditFiles(dataDir);
    expect(files.at(-1)).toBe(auditFilePath(dataDir));
    // Each file after the first starts with the record naming the one before it.
    files.slice(1).forEach((file, i) => expect(records(file)[0]).toMatchObject({ kind: 'audit-rotated', previous: rotated[i] }));
    // Rotated files stay near the size: rotation happens on the write that crosses it.
    for (const name of rotated) expect(readFileSync(join(dataDir, name)).length).toBeLessThan(ROTATE_BYTES + 1_000);
    const executions = files.flatMap(records).filter((r) => r.kind === 'execution').map((r) => r.executionId);
    expect(executions).toEqual(Array.from({ length: EXECUTIONS }, (_, i) => `ex-${i}`));
  });

  it('query and tail read every file in order', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'toolgate-audit-'));
    runExecutions(dataDir);
    const files = auditFiles(dataDir);
    const odd = await queryAudit(files, { consumer: 'odd' });
    expect(odd.map((r) => r.executionId)).toEqual(Array.from({ length: EXECUTIONS / 2 }, (_, i) => `ex-${2 * i + 1}`));
    const tail = await tailAudit(files, 12);
    expect(tail).toHaveLength(12);
    expect(tail.filter((r) => r.kind === 'execution').map((r) => r.executionId).at(-1)).toBe(`ex-${EXECUTIONS - 1}`);
    // The tail spans a file boundary and keeps write order.
    const all = files.flatMap(records);
    expect(tail.map((r) => JSON.stringify(r))).toEqual(all.slice(-12).map((r) => JSON.stringify(r)));
  });

  it('keepFiles deletes the oldest rotated files beyond the count and says so in the chain record', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'toolgate-audit-'));
    runExecutions(dataDir, 2);
    expect(rotatedFiles(dataDir)).toHaveLength(2);
    const live = records(auditFilePath(dataDir));
    expect(live[0]).toMatchObject({ kind: 'audit-rotated', pruned: [expect.stringMatching(/^audit-\d{8}T\d{9}Z(-\d+)?\.jsonl$/)] });
  });

  it('names rotated files by UTC time, unique within one millisecond, sorting in write order', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'toolgate-audit-'));
    const now = new Date('2026-11-21T05:40:00.123Z');
    const first = rotatedName(dataDir, now);
    expect(first).toBe('audit-20261121T054000123Z.jsonl');
    writeFileSync(join(dataDir, first), '');
    const second = rotatedName(dataDir, now);
    expect(second).toBe('audit-20261121T054000123Z-2.jsonl');
    writeFileSync(join(dataDir, second), '');
    for (let n = 3; n <= 10; n++) writeFileSync(join(dataDir, rotatedName(dataDir, now)), '');
    writeFileSync(join(dataDir, 'audit-20261121T053959999Z.jsonl'), '');
    writeFileSync(join(dataDir, 'notes.jsonl'), '');
    const order = rotatedFiles(dataDir);
    expect(order[0]).toBe('audit-20261121T053959999Z.jsonl');
    expect(order.slice(1, 4)).toEqual([first, second, 'audit-20261121T054000123Z-3.jsonl']);
    expect(order.at(-1)).toBe('audit-20261121T054000123Z-10.jsonl');
    expect(existsSync(join(dataDir, 'notes.jsonl'))).toBe(true);
    expect(order).not.toContain('notes.jsonl');
  });

  it('is on by default at 64 MiB, configurable, and 0 turns it off', () => {
    expect(parseConfig({}, 'test').audit).toMatchObject({ rotateBytes: DEFAULT_AUDIT_ROTATE_BYTES, keepFiles: 0 });
    expect(DEFAULT_AUDIT_ROTATE_BYTES).toBe(64 * 1024 * 1024);
    expect(parseConfig({ audit: { rotateBytes: 0, keepFiles: 30 } }, 'test').audit).toMatchObject({ rotateBytes: 0, keepFiles: 30 });
    const dataDir = mkdtempSync(join(tmpdir(), 'toolgate-audit-'));
    const audit = openAuditLog({ dataDir, rotateBytes: 0 });
    for (let i = 0; i < 50; i++) audit.event({ kind: 'test', i, padding: 'x'.repeat(100) });
    audit.close();
    expect(rotatedFiles(dataDir)).toEqual([]);
  });
});
