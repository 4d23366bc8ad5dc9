/**
 * `audit.args: hash` end to end: after execute_code, each `call` record — and the copy of it in the
 * `execution` record — holds the arguments' sha256 and size but not the arguments themselves.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFilePath } from '../../src/audit/log.js';
import { fixtureServer, run, startGateway, textOf, type TestGateway } from '../support/gateway.js';

/** Built inside the sandbox from parts, so the audited code text never holds it whole. */
const PAYLOAD = 'hash-me-please';
const CALL_ARGS_JSON = JSON.stringify({ text: PAYLOAD });

interface AuditedCall {
  readonly toolId?: string;
  readonly args?: unknown;
  readonly argsHash?: string;
  readonly argsBytes?: number;
}

describe('audit.args: hash', () => {
  let gateway: TestGateway;
  let client: Client;

  beforeAll(async () => {
    gateway = await startGateway({ servers: [fixtureServer('echo', 'echo.mjs')], audit: { args: 'hash' } });
    client = await gateway.connect();
  }, 60_000);
  afterAll(async () => gateway?.stop());

  it('call records carry argsHash and argsBytes, never args', async () => {
    const result = await run(client, `return await echo.echo({ text: ['hash', 'me', 'please'].join('-') });`);
    expect(JSON.parse(textOf(result))).toBe(PAYLOAD);

    const text = readFileSync(auditFilePath(gateway.dataDir), 'utf8');
    const records = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; calls?: AuditedCall[] } & AuditedCall);
    const calls = records.filter((r) => r.kind === 'call');
    const execution = records.find((r) => r.kind === 'execution');
    expect(calls).toHaveLength(1);
    expect(execution?.calls).toHaveLength(1);

    const expected = {
      argsHash: `sha256:${createHash('sha256').update(CALL_ARGS_JSON).digest('hex')}`,
      argsBytes: Buffer.byteLength(CALL_ARGS_JSON),
    };
    for (const call of [calls[0]!, execution!.calls![0]!]) {
      expect(call).toMatchObject(expected);
      expect(call).not.toHaveProperty('args');
    }
    expect(text).not.toContain(PAYLOAD);
  });
});
