/**
 * @module src/gateway/limits — a consumer's configured limits as the sandbox's per-execution limits.
 * Fields the consumer leaves out keep the sandbox's named defaults (`sandbox/limits.ts`).
 */
import type { SandboxLimits } from '../../sandbox/types.js';
import type { LimitsConfig } from '../config/schema.js';

export function limitsFor(limits: Readonly<LimitsConfig>): Partial<SandboxLimits> {
  const out: { -readonly [K in keyof SandboxLimits]?: number } = {};
  if (limits.wallTimeMs !== undefined) out.wallTimeMs = limits.wallTimeMs;
  if (limits.cpuTimeMs !== undefined) out.cpuTimeMs = limits.cpuTimeMs;
  if (limits.memoryMb !== undefined) out.memoryMb = limits.memoryMb;
  if (limits.callsPerExecution !== undefined) out.maxCalls = limits.callsPerExecution;
  if (limits.concurrentCallsPerExecution !== undefined) out.maxConcurrentCalls = limits.concurrentCallsPerExecution;
  if (limits.bytesPerCall !== undefined) out.maxCallResultBytes = limits.bytesPerCall;
  if (limits.bytesPerExecution !== undefined) out.maxTotalResultBytes = limits.bytesPerExecution;
  if (limits.consoleBytes !== undefined) out.maxConsoleBytes = limits.consoleBytes;
  if (limits.codeBytes !== undefined) out.maxCodeBytes = limits.codeBytes;
  return out;
}
