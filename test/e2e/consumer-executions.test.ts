/**
 * `limits.concurrentExecutions`: how many executions one consumer runs at once. The sandbox pool is shared;
 * with this limit a busy agent gets TG_BUSY at its own limit while another consumer still runs, and the
 * refusal is audited like any execution.
 */
import { readFileSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFilePath } from '../../src/audit/log.js';
import { ConsumerSlots } from '../../src/gateway/consumer-slots.js';
import { fixtureServer, run, startGateway, textOf, type TestGateway } from '../support/gateway.js';

describe('executions per consumer at once', () => {
  let gateway: TestGateway;
  let busy: Client;
  let other: Client;

  beforeAll(async () => {
    gateway = await startGateway({
      servers: [fixtureServer('slow', 'slow.mjs')],
      consumers: [
        { consumer: 'busy', allow: { tools: ['*'] }, limits: { concurrentExecutions: 1 } },
        { consumer: 'other', allow: { tools: ['*'] } },
      ],
    });
    busy = await gateway.connect({ authorization: `Bearer ${gateway.runtime.keys.create('busy').key}` });
    other = await gateway.connect({ authorization: `Bearer ${gateway.runtime.keys.create('other').key}` });
  }, 60_000);
  afterAll(async () => gateway?.stop());

  it("refuses a consumer's execution past its limit with TG_BUSY; another consumer runs meanwhile", async () => {
    const long = run(busy, `await slow.sleep({ ms: 1 }); await slow.sleep({ ms: 3000 }); return 'first';`);
    // Its first, short call is audited when it returns: the execution is then in its long sleep, holding busy's slot.
    const audited = () => readFileSync(auditFilePath(gateway.dataDir), 'utf8').includes('"args":{"ms":1}');
    for (let i = 0; i < 250 && !audited(); i++) await new Promise((r) => setTimeout(r, 20));
    const refused = await run(busy, `return 'second';`);
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('TG_BUSY');
    expect(textOf(refused)).toContain('busy is running its limit of 1 executions at once (limits.concurrentExecutions)');
    expect(textOf(await run(other, `return 'other ran';`))).toBe('"other ran"');
    expect(textOf(await long)).toBe('"first"');
    expect(textOf(await run(busy, `return 'after';`))).toBe('"after"');
    const records = readFileSync(auditFilePath(gateway.dataDir), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.filter((r) => r.kind === 'execution' && r.consumer === 'busy' && r.errorCode === 'TG_BUSY')).toHaveLength(1);
  });

  it('counts per consumer and frees a slot once, however often release is called', () => {
    const slots = new ConsumerSlots();
    const a = slots.acquire('a', 2)!;
    expect(slots.acquire('a', 2)).toBeDefined();
    expect(slots.acquire('a', 2)).toBeUndefined();
    expect(slots.acquire('b', 2)).toBeDefined();
    a();
    a();
    expect(slots.count('a')).toBe(1);
    expect(slots.acquire('c', undefined)).toBeDefined();
  });
});
