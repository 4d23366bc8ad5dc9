/**
 * Daily quotas survive a restart: the calls each consumer made today are read back from the audit log's
 * `call` records (allowed ones only, today's only, every file written today).
 */
import { appendFileSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditFilePath, openAuditLog } from '../../../src/audit/log.js';
import { rotatedFiles } from '../../../src/audit/rotation.js';
import { callsToday } from '../../../src/audit/usage.js';

const entry = (decision: 'allow' | 'deny') => ({ tool: 'jira.get_issue', argsHash: 'sha256:00', argsBytes: 2, decision, latencyMs: 0.1 });

describe('callsToday', () => {
  it("counts today's allowed call records per consumer, across rotated files, unfinished executions included", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'toolgate-usage-'));
    const audit = openAuditLog({ dataDir, rotateBytes: 1_500 });
    for (let i = 0; i < 12; i++) {
      const ex = audit.begin({ executionId: `ex-${i}`, consumer: i % 3 === 0 ? 'ops' : 'triage', code: '' });
      ex.call(entry('allow'));
      ex.call(entry(i % 2 === 0 ? 'deny' : 'allow'));
      if (i !== 11) ex.end({ outcome: 'ok' }); // the last one "crashed" mid-execution
    }
    audit.event({ kind: 'auth-failure', consumer: 'ops' });
    audit.close();
    expect(rotatedFiles(dataDir).length).toBeGreaterThan(0);
    // ops: executions 0, 3, 6, 9 → 4 first calls + second calls of 3 and 9 = 6; triage: 8 + 4 = 12.
    expect(await callsToday(dataDir)).toEqual(new Map([['ops', 6], ['triage', 12]]));
  });

  it("skips yesterday's records and files not written today", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'toolgate-usage-'));
    const now = Date.parse('2026-11-21T10:00:00Z');
    const line = (time: string) => JSON.stringify({ level: 'info', time, kind: 'call', executionId: 'e', consumer: 'a', seq: 0, tool: 'x.y', decision: 'allow' });
    appendFileSync(auditFilePath(dataDir), [line('2026-11-20T23:59:59.999Z'), line('2026-11-21T00:00:00.000Z'), 'not json', line('2026-11-21T09:00:00.000Z')].join('\n') + '\n');
    utimesSync(auditFilePath(dataDir), now / 1000, now / 1000);
    const old = join(dataDir, 'audit-20261120T120000000Z.jsonl');
    appendFileSync(old, line('2026-11-21T01:00:00.000Z') + '\n'); // a stale file's records are not read
    utimesSync(old, (now - 86_400_000) / 1000, (now - 86_400_000) / 1000);
    expect(await callsToday(dataDir, now)).toEqual(new Map([['a', 2]]));
    expect(await callsToday(mkdtempSync(join(tmpdir(), 'toolgate-usage-')), now)).toEqual(new Map());
  });
});
