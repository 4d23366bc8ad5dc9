/**
 * @module src/policy/limits — rate limits (token buckets per consumer, per consumer × tool, and per
 * upstream server across all consumers) and daily quotas (per consumer, per UTC day). The clock is
 * injectable so tests step time instead of sleeping.
 *
 * A bucket holds up to one minute's worth of calls and refills continuously, so `rateLimitPerMinute: 120`
 * allows a burst of 120 and then 2 calls a second. A call is checked against every limit first and
 * consumes from all of them only when all allow it, so a denied call costs nothing.
 */
import type { LimitsConfig } from '../config/schema.js';
import { ALLOW, deny, type Decision } from './decision.js';

export type Clock = () => number; // ms since the epoch

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** Past this many buckets, full (idle) ones are dropped: a full bucket is the same as a new one. */
export const MAX_BUCKETS = 100_000;

interface Bucket {
  tokens: number;
  at: number; // ms, when `tokens` was last brought up to date
}

/** The server a call goes to, with its own limit (calls a minute from all consumers together) when it has one. */
export interface LimitedServer {
  readonly id: string;
  readonly rateLimitPerMinute?: number;
}

export interface RateLimiter {
  /**
   * Checks the consumer's rate limit, its per-tool rate limit, the server's limit across consumers and the
   * daily quota; consumes one call from each when all allow.
   */
  check(consumer: string, toolId: string, limits: Readonly<LimitsConfig>, server?: LimitedServer): Decision;
  /** Calls used today (UTC) by the consumer. */
  usedToday(consumer: string): number;
}

function refill(bucket: Bucket, perMinute: number, now: number): void {
  const elapsed = Math.max(0, now - bucket.at);
  bucket.tokens = Math.min(perMinute, bucket.tokens + (elapsed * perMinute) / MS_PER_MINUTE);
  bucket.at = now;
}

function waitMs(bucket: Bucket, perMinute: number): number {
  return Math.ceil(((1 - bucket.tokens) * MS_PER_MINUTE) / perMinute);
}

export interface RateLimiterOptions {
  readonly now?: Clock;
  /** Calls each consumer already made today (UTC), e.g. read back from the audit log after a restart. */
  readonly usedToday?: ReadonlyMap<string, number>;
}

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket & { perMinute: number }>();
  const quotas = new Map<string, { day: number; used: number }>();
  const today = Math.floor(now() / MS_PER_DAY);
  for (const [consumer, used] of options.usedToday ?? []) quotas.set(consumer, { day: today, used });

  function bucket(key: string, perMinute: number, t: number): Bucket {
    let b = buckets.get(key);
    if (!b) {
      if (buckets.size >= MAX_BUCKETS) sweep(t);
      b = { tokens: perMinute, at: t, perMinute };
      buckets.set(key, b);
    }
    b.perMinute = perMinute;
    refill(b, perMinute, t);
    return b;
  }

  function sweep(t: number): void {
    for (const [key, b] of buckets) {
      refill(b, b.perMinute, t);
      if (b.tokens >= b.perMinute) buckets.delete(key);
    }
  }

  function quota(consumer: string, t: number): { day: number; used: number } {
    const day = Math.floor(t / MS_PER_DAY);
    let q = quotas.get(consumer);
    if (!q || q.day !== day) {
      q = { day, used: 0 };
      quotas.set(consumer, q);
    }
    return q;
  }

  return {
    check(consumer, toolId, limits, server) {
      const t = now();
      const perConsumer = limits.rateLimitPerMinute;
      const perTool = limits.toolRateLimitPerMinute;
      const c = perConsumer === undefined ? undefined : bucket(`c\u0000${consumer}`, perConsumer, t);
      if (c && perConsumer !== undefined && c.tokens < 1) {
        const wait = waitMs(c, perConsumer);
        return deny('TG_RATE_LIMITED', `${consumer} is limited to ${perConsumer} tool calls a minute; retry in ${wait} ms.`, `limits.rateLimitPerMinute=${perConsumer}`, wait);
      }
      const k = perTool === undefined ? undefined : bucket(`t\u0000${consumer}\u0000${toolId}`, perTool, t);
      if (k && perTool !== undefined && k.tokens < 1) {
        const wait = waitMs(k, perTool);
        return deny('TG_RATE_LIMITED', `${consumer} is limited to ${perTool} calls a minute of ${toolId}; retry in ${wait} ms.`, `limits.toolRateLimitPerMinute=${perTool}`, wait);
      }
      const perServer = server?.rateLimitPerMinute;
      const s = server === undefined || perServer === undefined ? undefined : bucket(`s\u0000${server.id}`, perServer, t);
      if (s && server && perServer !== undefined && s.tokens < 1) {
        const wait = waitMs(s, perServer);
        return deny('TG_RATE_LIMITED', `server ${server.id} takes ${perServer} calls a minute from all consumers together; retry in ${wait} ms.`, `servers.${server.id}.rateLimitPerMinute=${perServer}`, wait);
      }
      const q = limits.dailyQuota === undefined ? undefined : quota(consumer, t);
      if (q && limits.dailyQuota !== undefined && q.used >= limits.dailyQuota) {
        const wait = (q.day + 1) * MS_PER_DAY - t;
        return deny('TG_QUOTA_EXCEEDED', `${consumer} has used its ${limits.dailyQuota} tool calls for today (UTC).`, `limits.dailyQuota=${limits.dailyQuota}`, wait);
      }
      if (c) c.tokens -= 1;
      if (k) k.tokens -= 1;
      if (s) s.tokens -= 1;
      if (q) q.used += 1;
      return ALLOW;
    },
    usedToday(consumer) {
      const q = quotas.get(consumer);
      return q && q.day === Math.floor(now() / MS_PER_DAY) ? q.used : 0;
    },
  };
}
