import { describe, expect, it } from 'vitest';
import type { SettledCall } from '../../../sandbox/types.js';
import { callEntry } from '../../../src/gateway/call-audit.js';

const deps = { auditArgsMode: 'redact' as const, redact: (v: unknown) => v };
const base: SettledCall = { seq: 1, binding: 'jira.get_issue', toolId: 'jira.get_issue', args: { key: 'A-1' }, argsJson: '{"key":"A-1"}', invoked: false, ok: false };

describe('callEntry: one call as the audit keeps it', () => {
  it('a sandbox refusal is a deny by the sandbox limit that refused it', () => {
    expect(callEntry({ ...base, code: 'TG_TOOL_NOT_FOUND', refusedBy: 'binding' }, undefined, deps)).toMatchObject({ decision: 'deny', rule: 'sandbox.binding', errorCode: 'TG_TOOL_NOT_FOUND', args: { key: 'A-1' } });
  });

  it('an invoker that failed without a pipeline decision is gateway.internal, not sandbox.ended', () => {
    expect(callEntry({ ...base, invoked: true, code: 'TG_INTERNAL' }, undefined, deps)).toMatchObject({ decision: 'deny', rule: 'gateway.internal', errorCode: 'TG_INTERNAL' });
  });

  it('a result refused for its size is a deny by that limit, though the pipeline allowed the call', () => {
    const decided = { args: { key: 'A-1' }, audit: { decision: 'allow' as const, rule: 'allow.tools[0]=jira.*', latencyMs: 12 } };
    expect(callEntry({ ...base, invoked: true, code: 'TG_BUDGET_EXCEEDED', refusedBy: 'maxCallResultBytes' }, decided, deps)).toMatchObject({ decision: 'deny', rule: 'sandbox.maxCallResultBytes', latencyMs: 12 });
  });

  it('a call that came back after the execution ended keeps its decision and says afterEnd', () => {
    const decided = { args: { key: 'A-1' }, audit: { decision: 'allow' as const, rule: 'allow.tools[0]=jira.*', latencyMs: 900, errorCode: 'TG_UPSTREAM_TIMEOUT' as const } };
    const entry = callEntry({ ...base, invoked: true, code: 'TG_INTERNAL', refusedBy: 'ended' }, decided, deps);
    expect(entry).toMatchObject({ decision: 'allow', rule: 'allow.tools[0]=jira.*', afterEnd: true, errorCode: 'TG_UPSTREAM_TIMEOUT' });
  });

  it('a successful call has its bytes and the pipeline rule', () => {
    const decided = { args: { key: 'A-1' }, audit: { decision: 'allow' as const, rule: 'allow.tools[0]=jira.*', latencyMs: 3 } };
    expect(callEntry({ ...base, invoked: true, ok: true, bytes: 42 }, decided, deps)).toEqual({
      tool: 'jira.get_issue', args: { key: 'A-1' }, argsHash: expect.stringMatching(/^sha256:/), argsBytes: 13, decision: 'allow', rule: 'allow.tools[0]=jira.*', latencyMs: 3, bytes: 42,
    });
  });
});
