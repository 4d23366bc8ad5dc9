/**
 * @module sandbox/limits — the default for every per-execution limit, and how overrides merge.
 *
 * The defaults suit an agent's script: a few hundred tool calls, results summarised before they are
 * returned. The gateway's config overrides them globally and per consumer; a request's overrides win.
 */
import type { SandboxLimits } from './types.js';

/** Wall-clock time from start to result, awaits included, in milliseconds. */
export const DEFAULT_WALL_TIME_MS = 30_000;
/** CPU time the isolate may burn, in milliseconds; below the wall time so a busy loop ends first. */
export const DEFAULT_CPU_TIME_MS = 10_000;
/** V8 heap of the isolate, in megabytes. */
export const DEFAULT_MEMORY_MB = 64;
/** isolated-vm refuses a heap below this, in megabytes. */
export const MIN_MEMORY_MB = 8;
/** Tool calls per execution. */
export const DEFAULT_MAX_CALLS = 1_000;
/** Tool calls in flight at once per execution; further calls wait for a free slot. */
export const DEFAULT_MAX_CONCURRENT_CALLS = 16;
/** One tool result as JSON, in UTF-8 bytes (1 MiB). */
export const DEFAULT_MAX_CALL_RESULT_BYTES = 1_048_576;
/** All tool results of one execution together as JSON, in UTF-8 bytes (16 MiB). */
export const DEFAULT_MAX_TOTAL_RESULT_BYTES = 16_777_216;
/** Captured console output, in UTF-8 bytes (64 KiB). */
export const DEFAULT_MAX_CONSOLE_BYTES = 65_536;
/** Source code as sent, in UTF-8 bytes (256 KiB). */
export const DEFAULT_MAX_CODE_BYTES = 262_144;
/** The returned value as JSON, in characters (~6k tokens): enough for a summary, not for a dump. */
export const DEFAULT_MAX_RETURN_CHARS = 24_000;

export const DEFAULT_LIMITS: SandboxLimits = Object.freeze({
  wallTimeMs: DEFAULT_WALL_TIME_MS,
  cpuTimeMs: DEFAULT_CPU_TIME_MS,
  memoryMb: DEFAULT_MEMORY_MB,
  maxCalls: DEFAULT_MAX_CALLS,
  maxConcurrentCalls: DEFAULT_MAX_CONCURRENT_CALLS,
  maxCallResultBytes: DEFAULT_MAX_CALL_RESULT_BYTES,
  maxTotalResultBytes: DEFAULT_MAX_TOTAL_RESULT_BYTES,
  maxConsoleBytes: DEFAULT_MAX_CONSOLE_BYTES,
  maxCodeBytes: DEFAULT_MAX_CODE_BYTES,
  maxReturnChars: DEFAULT_MAX_RETURN_CHARS,
});

const LIMIT_KEYS = Object.keys(DEFAULT_LIMITS) as (keyof SandboxLimits)[];

/**
 * Later layers win field by field; `undefined` fields are skipped. Throws a TypeError naming the field
 * when a value is not a positive number, since a zero or NaN limit would silently disable a guard.
 */
export function mergeLimits(...layers: (Partial<SandboxLimits> | undefined)[]): SandboxLimits {
  const merged: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const layer of layers) {
    if (layer === undefined) continue;
    for (const key of LIMIT_KEYS) {
      const value = layer[key];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
        throw new TypeError(`sandbox limit ${key} must be a positive number, got ${String(value)}`);
      }
      merged[key] = value;
    }
  }
  merged.memoryMb = Math.max(MIN_MEMORY_MB, merged.memoryMb ?? DEFAULT_MEMORY_MB);
  return Object.freeze(merged) as unknown as SandboxLimits;
}
