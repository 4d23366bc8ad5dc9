import { describe, expect, it } from 'vitest';
import { ExecutionBudget } from '../../../src/policy/budget.js';
import { compilePolicy } from '../../../src/policy/compile.js';
import { createRateLimiter } from '../../../src/policy/limits.js';
import { loadTriageConfig } from './triage-fixture.js';

function clock(start = Date.parse('2026-11-21T12:00:00Z')) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

function allowedCount(n: number, fn: () => { allowed: boolean }): number {
  let ok = 0;
  for (let i = 0; i < n; i += 1) if (fn().allowed) ok += 1;
  return ok;
}

describe('rate limits', () => {
  it('lets the DESIGN.md example make 120 calls a minute, then refills at 2 a second', () => {
    const c = clock();
    const limiter = createRateLimiter({ now: c.now });
    const { limits } = compilePolicy(loadTriageConfig()).consumer('daily-triage-agent');
    const tools = ['jira.get_issue', 'notion.search', 'slack.post_message', 'jira.search_issues'];
    expect(allowedCount(120, () => limiter.check('daily-triage-agent', tools[0]!, { rateLimitPerMinute: limits.rateLimitPerMinute }))).toBe(120);
    const d = limiter.check('daily-triage-agent', tools[1]!, { rateLimitPerMinute: 120 });
    expect(d).toEqual({
      allowed: false, code: 'TG_RATE_LIMITED', rule: 'limits.rateLimitPerMinute=120', retryAfterMs: 500,
      reason: 'daily-triage-agent is limited to 120 tool calls a minute; retry in 500 ms.',
    });
    c.advance(500);
    expect(limiter.check('daily-triage-agent', tools[1]!, { rateLimitPerMinute: 120 }).allowed).toBe(true);
    expect(limiter.check('daily-triage-agent', tools[1]!, { rateLimitPerMinute: 120 }).allowed).toBe(false);
    c.advance(60_000);
    expect(allowedCount(200, () => limiter.check('daily-triage-agent', tools[2]!, { rateLimitPerMinute: 120 }))).toBe(120);
  });

  it("a server's limit counts every consumer's calls together; a call it refuses costs the consumer nothing", () => {
    const c = clock();
    const limiter = createRateLimiter({ now: c.now });
    const server = { id: 'github', rateLimitPerMinute: 4 };
    const consumer = { rateLimitPerMinute: 10 };
    expect(allowedCount(2, () => limiter.check('alice', 'github.list_issues', consumer, server))).toBe(2);
    expect(allowedCount(2, () => limiter.check('bob', 'github.get_issue', consumer, server))).toBe(2);
    expect(limiter.check('bob', 'github.get_issue', consumer, server)).toEqual({
      allowed: false, code: 'TG_RATE_LIMITED', rule: 'servers.github.rateLimitPerMinute=4', retryAfterMs: 15_000,
      reason: 'server github takes 4 calls a minute from all consumers together; retry in 15000 ms.',
    });
    // Other servers are not affected, and alice still has the call github refused.
    expect(limiter.check('alice', 'jira.get_issue', consumer, { id: 'jira', rateLimitPerMinute: 100 }).allowed).toBe(true);
    expect(limiter.check('alice', 'github.list_issues', consumer, server).allowed).toBe(false);
    c.advance(15_000);
    expect(limiter.check('alice', 'github.list_issues', consumer, server).allowed).toBe(true);
  });

  it('limits each tool separately and charges nothing for a denied call', () => {
    const c = clock();
    const limiter = createRateLimiter({ now: c.now });
    const limits = { rateLimitPerMinute: 10, toolRateLimitPerMinute: 3 };
    expect(allowedCount(5, () => limiter.check('a', 'jira.get_issue', limits))).toBe(3);
    expect(limiter.check('a', 'jira.get_issue', limits)).toMatchObject({ code: 'TG_RATE_LIMITED', rule: 'limits.toolRateLimitPerMinute=3', retryAfterMs: 20_000 });
    // 3 allowed calls used 3 of the consumer's 10; the 3 denied calls used none.
    expect(allowedCount(10, () => limiter.check('a', 'slack.post_message', { ...limits, toolRateLimitPerMinute: 100 }))).toBe(7);
  });

  it('keeps consumers apart', () => {
    const limiter = createRateLimiter({ now: clock().now });
    expect(allowedCount(3, () => limiter.check('a', 'x.y', { rateLimitPerMinute: 2 }))).toBe(2);
    expect(allowedCount(3, () => limiter.check('b', 'x.y', { rateLimitPerMinute: 2 }))).toBe(2);
  });

  it('allows everything when no limit is set', () => {
    const limiter = createRateLimiter({ now: clock().now });
    expect(allowedCount(1_000, () => limiter.check('a', 'x.y', {}))).toBe(1_000);
  });
});

describe('daily quotas', () => {
  it('counts calls per UTC day and resets at midnight UTC', () => {
    const c = clock(Date.parse('2026-11-21T23:59:00Z'));
    const limiter = createRateLimiter({ now: c.now });
    expect(allowedCount(7, () => limiter.check('a', 'x.y', { dailyQuota: 5 }))).toBe(5);
    expect(limiter.check('a', 'x.y', { dailyQuota: 5 })).toMatchObject({
      allowed: false, code: 'TG_QUOTA_EXCEEDED', rule: 'limits.dailyQuota=5', retryAfterMs: 60_000,
    });
    expect(limiter.usedToday('a')).toBe(5);
    c.advance(60_000);
    expect(limiter.usedToday('a')).toBe(0);
    expect(allowedCount(7, () => limiter.check('a', 'x.y', { dailyQuota: 5 }))).toBe(5);
  });

  it('counts on from the calls already made today (a restart), and that count ends at midnight UTC', () => {
    const c = clock(Date.parse('2026-11-21T23:59:00Z'));
    const limiter = createRateLimiter({ now: c.now, usedToday: new Map([['a', 4], ['b', 9]]) });
    expect(limiter.usedToday('a')).toBe(4);
    expect(allowedCount(3, () => limiter.check('a', 'x.y', { dailyQuota: 5 }))).toBe(1);
    expect(limiter.check('b', 'x.y', { dailyQuota: 5 })).toMatchObject({ allowed: false, code: 'TG_QUOTA_EXCEEDED' });
    c.advance(60_000);
    expect(allowedCount(3, () => limiter.check('b', 'x.y', { dailyQuota: 5 }))).toBe(3);
  });

  it('does not count calls the rate limit denied', () => {
    const limiter = createRateLimiter({ now: clock().now });
    allowedCount(10, () => limiter.check('a', 'x.y', { dailyQuota: 100, rateLimitPerMinute: 4 }));
    expect(limiter.usedToday('a')).toBe(4);
  });
});

describe('execution budgets', () => {
  it('denies the call past callsPerExecution', () => {
    const b = new ExecutionBudget({ callsPerExecution: 2 });
    expect(b.beginCall().allowed).toBe(true);
    expect(b.beginCall().allowed).toBe(true);
    expect(b.beginCall()).toMatchObject({ allowed: false, code: 'TG_BUDGET_EXCEEDED', rule: 'limits.callsPerExecution=2' });
    expect(b.calls).toBe(2);
  });

  it('denies a result over bytesPerCall and the one that takes the total over bytesPerExecution', () => {
    const b = new ExecutionBudget({ bytesPerCall: 1_000, bytesPerExecution: 1_500 });
    expect(b.addResultBytes(1_001)).toMatchObject({ allowed: false, rule: 'limits.bytesPerCall=1000' });
    expect(b.addResultBytes(900).allowed).toBe(true);
    expect(b.addResultBytes(700)).toMatchObject({
      allowed: false, code: 'TG_BUDGET_EXCEEDED', rule: 'limits.bytesPerExecution=1500',
      reason: 'tool results would reach 1600 bytes, over the 1500-byte limit per execution.',
    });
    expect(b.addResultBytes(600).allowed).toBe(true);
    expect(b.bytes).toBe(1_500);
  });
});
