/**
 * @module test/src/audit/sigkill-writer — child process for the SIGKILL test: runs audited executions in a
 * loop through the real audit log and prints each sequence number once its call is audited (`call()`
 * returned: the point where the gateway hands the result to the code), before the execution ends.
 */
import { openAuditLog } from '../../../src/audit/log.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: sigkill-writer <dataDir>');
const audit = openAuditLog({ dataDir });
const MAX_RECORDS = 100_000; // bounded even if the parent never kills us

for (let i = 0; i < MAX_RECORDS; i += 1) {
  const ex = audit.begin({ executionId: `ex-${i}`, consumer: 'killer', code: `return ${i};` });
  ex.call({ tool: 'jira.get_issue', argsHash: 'sha256:00', argsBytes: 2, decision: 'allow', rule: 'allow.tools[0]=*', latencyMs: 0.1 });
  process.stdout.write(`${i}\n`);
  ex.end({ outcome: 'ok' });
  // Let the parent's 'data' handler run now and then, so the kill lands mid-stream.
  if (i % 50 === 0) await new Promise((r) => setImmediate(r));
}
