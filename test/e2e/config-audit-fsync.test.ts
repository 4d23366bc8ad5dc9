/**
 * `audit.fsync: true`: the gateway starts and serves with it, its records land in the audit file, and each
 * one is flushed to disk as it is written — fs.fsyncSync is called on the audit file's descriptor during
 * the execution, not only when the log closes (sonic-boom, under pino.destination, calls it per write).
 */
import { fstatSync, readFileSync, statSync } from 'node:fs';
import type * as NodeFs from 'node:fs';
import { createRequire } from 'node:module';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditFilePath } from '../../src/audit/log.js';
import { fixtureServer, run, startGateway, textOf, type TestGateway } from '../support/gateway.js';

// The CommonJS fs object is the one sonic-boom calls through (`fs.fsyncSync(this.fd)`), so it can be spied on.
const fs = createRequire(import.meta.url)('node:fs') as typeof NodeFs;

describe('audit.fsync: true', () => {
  let gateway: TestGateway;
  let client: Client;
  const fsyncSync = vi.spyOn(fs, 'fsyncSync');

  beforeAll(async () => {
    gateway = await startGateway({ servers: [fixtureServer('echo', 'echo.mjs')], audit: { fsync: true } });
    client = await gateway.connect();
  }, 60_000);
  afterAll(async () => {
    fsyncSync.mockRestore();
    await gateway?.stop();
  });

  it('records are written to the audit file and fsynced one by one as they are written', async () => {
    const file = auditFilePath(gateway.dataDir);
    const inode = statSync(file).ino;
    // Descriptors fsynced from here on that belong to the audit file (the key store fsyncs its own file too).
    const auditSyncs = (from: number) =>
      fsyncSync.mock.calls.slice(from).filter(([fd]) => {
        try {
          return fstatSync(fd).ino === inode;
        } catch {
          return false;
        }
      }).length;
    const before = fsyncSync.mock.calls.length;

    const result = await run(
      client,
      `const a = await echo.echo({ text: 'one' }); const b = await echo.echo({ text: 'two' }); return a + b;`,
    );
    expect(JSON.parse(textOf(result))).toBe('onetwo');

    const records = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string });
    expect(records.filter((r) => r.kind === 'call')).toHaveLength(2);
    expect(records.filter((r) => r.kind === 'execution')).toHaveLength(1);
    // Two call records and one execution record, each flushed while the log is still open.
    expect(auditSyncs(before)).toBeGreaterThanOrEqual(3);
  });
});
