/**
 * @module src/pipeline/pipeline — the binding pipeline: every tool call made by sandboxed code passes these
 * steps, in this order, and stops at the first denial. The order matters:
 *
 *   acl       — the one authorization function decides first, before anything about the tool is revealed;
 *   pin       — pinned parameters are forced before validation, so a pinned value is validated too;
 *   validate  — arguments against the tool's inputSchema (ajv), after pinning;
 *   egress    — the server's domains against the consumer's outbound allow-list;
 *   limits    — rate limits and quotas last among checks, so a denied call spends no token;
 *   upstream  — the call itself, with the server's timeout;
 *   redact    — masks secrets in the result before it enters the sandbox;
 *   (audit)   — always, allowed or not: the runner writes the entry whatever happened.
 */
import type { InvokeOutcome } from '../../sandbox/types.js';
import { ERRORS, type ErrorCode, isErrorCode } from '../errors.js';
import type { Decision } from '../policy/decision.js';
import type { CallContext } from './context.js';

export type StepName = 'acl' | 'pin' | 'validate' | 'egress' | 'limits' | 'upstream' | 'redact';

export interface Step {
  readonly name: StepName;
  run(ctx: CallContext): Decision | Promise<Decision>;
}

export interface PipelineObserver {
  /** Called after each step with its duration; for the per-step and per-upstream latency histograms. */
  step?(name: StepName, seconds: number, decision: Decision, ctx: CallContext): void;
  /** Called once per call after the last step, with the finished audit entry. */
  finished?(ctx: CallContext): void;
}

/** Runs the steps in order; never throws. A thrown step becomes TG_INTERNAL, never a crash. */
export async function runPipeline(steps: readonly Step[], ctx: CallContext, observer: PipelineObserver = {}): Promise<InvokeOutcome> {
  const started = performance.now();
  let outcome: InvokeOutcome | undefined;
  for (const step of steps) {
    const stepStart = performance.now();
    let decision: Decision;
    try {
      decision = await step.run(ctx);
    } catch (error) {
      decision = thrownDecision(error, step.name);
    }
    observer.step?.(step.name, (performance.now() - stepStart) / 1000, decision, ctx);
    if (!decision.allowed) {
      ctx.audit.decision = step.name === 'upstream' || step.name === 'redact' ? 'allow' : 'deny';
      if (ctx.audit.decision === 'deny') ctx.audit.rule = decision.rule;
      ctx.audit.errorCode = decision.code;
      outcome = { ok: false, code: decision.code, message: `${decision.reason} ${ERRORS[decision.code].hint}` };
      break;
    }
    if (decision.rule !== undefined && step.name === 'acl') ctx.audit.rule = decision.rule;
  }
  ctx.audit.latencyMs = round(performance.now() - started);
  if (outcome === undefined) {
    ctx.audit.decision = 'allow';
    outcome = { ok: true, value: ctx.value ?? null };
  }
  observer.finished?.(ctx);
  return outcome;
}

function thrownDecision(error: unknown, step: StepName): Decision {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && isErrorCode(code)) {
    return { allowed: false, code: code as ErrorCode, reason: message, rule: step };
  }
  return { allowed: false, code: 'TG_INTERNAL', reason: `internal error in the ${step} step: ${message}`, rule: step };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
