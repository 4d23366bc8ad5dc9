/**
 * @module src/policy/sandbox-limits — a consumer's merged limits as the sandbox's per-execution limits.
 * Only limits the config sets are passed; the sandbox fills the rest from its named defaults.
 */
import type { SandboxLimits } from '../../sandbox/types.js';
import type { LimitsConfig } from '../config/schema.js';

const MAPPING = {
  wallTimeMs: 'wallTimeMs',
  cpuTimeMs: 'cpuTimeMs',
  memoryMb: 'memoryMb',
  callsPerExecution: 'maxCalls',
  concurrentCallsPerExecution: 'maxConcurrentCalls',
  bytesPerCall: 'maxCallResultBytes',
  bytesPerExecution: 'maxTotalResultBytes',
} as const satisfies Partial<Record<keyof LimitsConfig, keyof SandboxLimits>>;

export function sandboxLimitsFor(limits: Readonly<LimitsConfig>): Partial<SandboxLimits> {
  const out: Partial<Record<keyof SandboxLimits, number>> = {};
  for (const [from, to] of Object.entries(MAPPING) as Array<[keyof typeof MAPPING, keyof SandboxLimits]>) {
    const value = limits[from];
    if (value !== undefined) out[to] = value;
  }
  return out;
}
