/**
 * @module src/http/auth-throttle — slows down key guessing: each client address may fail authentication
 * `perMinute` times a minute (a token bucket that refills continuously). Past that, its requests are refused
 * with 429 before any credential is checked, until the bucket has a token again; so a guess costs the
 * guesser time, and a correct key from that address waits out the same window. One throttle serves every
 * door that checks a credential (/mcp, the admin API, /metrics), so a guesser cannot switch doors. The
 * clock is injectable.
 */
import type { FastifyReply } from 'fastify';

/** Addresses tracked at most; past it, the ones back to a full bucket are forgotten first (count). */
export const MAX_TRACKED_ADDRESSES = 10_000;
/** Share of MAX_TRACKED_ADDRESSES dropped at once when none is idle, so a flood costs one sweep per batch. */
const EVICT_FRACTION = 0.1;
const MS_PER_MINUTE = 60_000;

interface Bucket {
  tokens: number;
  at: number; // ms, when `tokens` was last brought up to date
  /** Whether this throttled period was already reported (audited once, not per refused request). */
  reported: boolean;
}

/** Told once per throttled period of an address (to audit and count it), not once per refused request. */
export type OnThrottled = (address: string, waitMs: number) => void;

/** The Retry-After seconds and the message of a refusal after `waitMs`. */
export function throttledAnswer(waitMs: number): { retryAfterSeconds: number; message: string } {
  const retryAfterSeconds = Math.ceil(waitMs / 1000);
  return { retryAfterSeconds, message: `too many failed authentications from this address; retry in ${retryAfterSeconds} s.` };
}

export class AuthThrottle {
  private readonly buckets = new Map<string, Bucket>();

  /** `perMinute`: `auth.failuresPerMinute`, DEFAULT_AUTH_FAILURES_PER_MINUTE unless configured. */
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly onThrottled?: OnThrottled,
  ) {}

  /**
   * What every door asks first: milliseconds the address must wait (0: check its credentials now). The
   * first refusal of a throttled period is reported to `onThrottled`.
   */
  refusal(address: string): number {
    const wait = this.waitMs(address);
    if (wait > 0 && this.firstRefusal(address)) this.onThrottled?.(address, wait);
    return wait;
  }

  /** Milliseconds the address must wait before its credentials are checked again; 0 when it may try now. */
  waitMs(address: string): number {
    const bucket = this.buckets.get(address);
    if (!bucket) return 0;
    this.refill(bucket);
    return bucket.tokens >= 1 ? 0 : Math.ceil(((1 - bucket.tokens) * MS_PER_MINUTE) / this.perMinute);
  }

  /** Records a failed authentication from the address. */
  failed(address: string): void {
    let bucket = this.buckets.get(address);
    if (!bucket) {
      if (this.buckets.size >= MAX_TRACKED_ADDRESSES) this.forgetIdle();
      bucket = { tokens: this.perMinute, at: this.now(), reported: false };
      this.buckets.set(address, bucket);
    }
    this.refill(bucket);
    bucket.tokens = Math.max(0, bucket.tokens - 1);
  }

  /** True the first time it is asked during one throttled period of the address (for a single audit event). */
  firstRefusal(address: string): boolean {
    const bucket = this.buckets.get(address);
    if (!bucket || bucket.reported) return false;
    bucket.reported = true;
    return true;
  }

  private refill(bucket: Bucket): void {
    const t = this.now();
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((t - bucket.at) * this.perMinute) / MS_PER_MINUTE);
    bucket.at = t;
    if (bucket.tokens >= 1) bucket.reported = false;
  }

  private forgetIdle(): void {
    for (const [address, bucket] of this.buckets) {
      this.refill(bucket);
      if (bucket.tokens >= this.perMinute) this.buckets.delete(address);
    }
    // Still full of addresses mid-attack: drop the oldest tenth rather than grow without bound.
    if (this.buckets.size < MAX_TRACKED_ADDRESSES) return;
    let drop = Math.ceil(MAX_TRACKED_ADDRESSES * EVICT_FRACTION);
    for (const address of this.buckets.keys()) {
      if (drop-- <= 0) break;
      this.buckets.delete(address);
    }
  }
}

/** The refusal as the routes with their own key (admin API, /metrics) answer it: 429, Retry-After, plain JSON. */
export function replyThrottled(reply: FastifyReply, waitMs: number): FastifyReply {
  const { retryAfterSeconds, message } = throttledAnswer(waitMs);
  return reply.code(429).header('Retry-After', String(retryAfterSeconds)).send({ code: 'TG_RATE_LIMITED', message, retryAfterMs: waitMs });
}
