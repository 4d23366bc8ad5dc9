/**
 * @module sandbox/thrown — an uncaught throw from the model's code → the error the model reads.
 *
 * A failed tool call is reported from the bridge's own record of that call (code, message, tool id),
 * found by the sequence number the isolate attached; anything else is TG_CODE_ERROR. The position is the
 * first frame of the model's code in the stack, mapped back through the source map.
 */
import type { Envelope } from './envelope.js';
import type { ToolFailure } from './bridge.js';
import { CODE_FILENAME, type CompiledCode, type Position } from './transpile.js';
import type { ExecuteError } from './types.js';

type Thrown = Extract<Envelope, { kind: 'thrown' }>;

const FRAME = new RegExp(`${CODE_FILENAME.replace(/\./g, '\\.')}:(\\d+):(\\d+)`);

export function describeThrown(
  thrown: Thrown,
  failures: ReadonlyMap<number, ToolFailure>,
  compiled: CompiledCode,
): ExecuteError {
  const position = thrown.stack === undefined ? undefined : positionInStack(thrown.stack, compiled);
  const where = position === undefined ? {} : { line: position.line, column: position.column };
  const failure = thrown.seq === undefined ? undefined : failures.get(thrown.seq);
  if (failure !== undefined) {
    return {
      code: failure.code,
      message: failure.message,
      ...where,
      ...(failure.toolId === undefined ? {} : { toolId: failure.toolId }),
    };
  }
  const name = thrown.name === undefined || thrown.name === '' ? 'Uncaught' : thrown.name;
  return { code: 'TG_CODE_ERROR', message: `${name}: ${thrown.message}`, ...where };
}

/** The first frame in the model's code, in the model's own lines and columns. */
export function positionInStack(stack: string, compiled: CompiledCode): Position | undefined {
  const match = FRAME.exec(stack);
  if (match === null) return undefined;
  return compiled.toOriginal(Number(match[1]), Number(match[2]));
}
