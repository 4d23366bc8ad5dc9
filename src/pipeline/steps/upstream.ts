/**
 * @module src/pipeline/steps/upstream — the call itself, and the redaction of its result.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { resultValue } from '../../../catalog/result.js';
import { ALLOW, type Decision, deny } from '../../policy/decision.js';
import { isErrorCode } from '../../errors.js';
import type { Step } from '../pipeline.js';

export type UpstreamCall = (toolId: string, args: Record<string, unknown>, signal: AbortSignal) => Promise<CallToolResult>;

export function upstreamStep(call: UpstreamCall): Step {
  return {
    name: 'upstream',
    run: async function upstream(ctx): Promise<Decision> {
      try {
        const result = await call(ctx.toolId, ctx.args, ctx.signal);
        ctx.value = resultValue(result, ctx.toolId);
        return ALLOW;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        const message = error instanceof Error ? error.message : String(error);
        if (typeof code === 'string' && isErrorCode(code)) return deny(code, message, 'upstream');
        return deny('TG_UPSTREAM_ERROR', `${ctx.toolId} failed: ${message}`, 'upstream');
      }
    },
  };
}

export interface Redactor {
  (value: unknown): { value: unknown; counts: Record<string, number> };
}

/** redact: masks configured patterns in the result before it enters the sandbox; counts what it masked. */
export function redactStep(redact: Redactor): Step {
  return {
    name: 'redact',
    run: function redactResult(ctx) {
      const { value, counts } = redact(ctx.value);
      ctx.value = value;
      if (Object.keys(counts).length > 0) ctx.audit.redactions = counts;
      return ALLOW;
    },
  };
}
