/**
 * @module src/gateway/steps — the binding pipeline as one ordered list of named steps.
 * `src/pipeline/pipeline.ts` explains the order; this is where the list is written down.
 */
import type { ToolRecord } from '../../catalog/types.js';
import type { Step } from '../pipeline/pipeline.js';
import { aclStep, egressStep, limitsStep, pinStep, type ToolLookup, validateStep } from '../pipeline/steps/checks.js';
import { type Redactor, redactStep, type UpstreamCall, upstreamStep } from '../pipeline/steps/upstream.js';
import type { Decision } from '../policy/decision.js';

export interface StepDeps {
  readonly lookup: ToolLookup;
  readonly validate: (record: ToolRecord, args: unknown) => Decision;
  readonly call: UpstreamCall;
  readonly redact: Redactor;
}

export function buildSteps(deps: StepDeps): readonly Step[] {
  return Object.freeze([
    aclStep(deps.lookup),
    pinStep,
    validateStep(deps.validate),
    egressStep,
    limitsStep,
    upstreamStep(deps.call),
    redactStep(deps.redact),
  ]);
}
