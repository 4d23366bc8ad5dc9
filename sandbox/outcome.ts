/**
 * @module sandbox/outcome — how an execution ends, in the words the model reads: the runner's envelope
 * turned into a result or error, and the message of each limit the watchdog enforces.
 */
import type { ToolFailure } from './bridge.js';
import { readEnvelope } from './envelope.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';
import { describeThrown } from './thrown.js';
import type { CompiledCode } from './transpile.js';
import type { ExecuteError, ExecuteResult, SandboxLimits } from './types.js';

export type Ending = Pick<ExecuteResult, 'result' | 'truncated' | 'error'>;

export function endingOf(
  raw: unknown,
  limits: SandboxLimits,
  failures: ReadonlyMap<number, ToolFailure>,
  compiled: CompiledCode,
): Ending {
  const envelope = readEnvelope(raw);
  const { maxReturnChars } = limits;
  if (envelope === undefined)
    return { error: { code: 'TG_INTERNAL', message: 'The sandbox returned no readable outcome.' } };
  switch (envelope.kind) {
    case 'none':
      return {};
    case 'invalid':
      return { error: { code: 'TG_RESULT_INVALID', message: `${envelope.message}. Return plain JSON values.` } };
    case 'thrown':
      return { error: describeThrown(envelope, failures, compiled) };
    case 'value':
      if (envelope.length > maxReturnChars) {
        const notice =
          `\n… [truncated: the result is ${envelope.length} characters of JSON; the limit (maxReturnChars) is ` +
          `${maxReturnChars}. Return less: filter, summarise or count.]`;
        return { result: envelope.json + notice, truncated: true };
      }
      if (nestsDeeperThan(envelope.json)) {
        return {
          error: {
            code: 'TG_RESULT_INVALID',
            message: `The returned value nests deeper than ${MAX_JSON_DEPTH} levels. Return a flatter value.`,
          },
        };
      }
      return { result: JSON.parse(envelope.json) as unknown };
  }
}

export function wallTimeBreach({ wallTimeMs }: SandboxLimits): ExecuteError {
  return {
    code: 'TG_SANDBOX_TIMEOUT',
    message:
      `Time limit reached: the execution ran for more than ${wallTimeMs} ms (wallTimeMs = ${wallTimeMs}), ` +
      'awaits included. Do less per execution, and do not wait on promises that never settle.',
  };
}

export function cpuTimeBreach({ cpuTimeMs }: SandboxLimits): ExecuteError {
  return {
    code: 'TG_SANDBOX_CPU',
    message:
      `CPU time limit reached: the code used more than ${cpuTimeMs} ms of CPU (cpuTimeMs = ${cpuTimeMs}). ` +
      'Avoid long loops; do the heavy work in fewer steps.',
  };
}

export function memoryBreach({ memoryMb }: SandboxLimits): ExecuteError {
  return {
    code: 'TG_SANDBOX_MEMORY',
    message:
      `Memory limit reached: the code's heap went past ${memoryMb} MB (memoryMb = ${memoryMb}). ` +
      'Keep less data in memory; process results in smaller pieces.',
  };
}
