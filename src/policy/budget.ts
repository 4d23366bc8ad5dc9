/**
 * @module src/policy/budget — per-execution budgets: tool calls, and bytes of tool results per call and in
 * total. One ExecutionBudget lives for one execute_code run; the pipeline asks it before and after each call.
 */
import type { LimitsConfig } from '../config/schema.js';
import { ALLOW, deny, type Decision } from './decision.js';

export type BudgetLimits = Pick<LimitsConfig, 'callsPerExecution' | 'bytesPerCall' | 'bytesPerExecution'>;

export class ExecutionBudget {
  #calls = 0;
  #bytes = 0;
  constructor(private readonly limits: Readonly<BudgetLimits>) {}

  get calls(): number {
    return this.#calls;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Counts a call before it goes upstream; the call past `callsPerExecution` is denied. */
  beginCall(): Decision {
    const max = this.limits.callsPerExecution;
    if (max !== undefined && this.#calls >= max) {
      return deny('TG_BUDGET_EXCEEDED', `this execution may make at most ${max} tool calls.`, `limits.callsPerExecution=${max}`);
    }
    this.#calls += 1;
    return ALLOW;
  }

  /** Counts a result's bytes; a result over `bytesPerCall`, or one that takes the total over `bytesPerExecution`, is denied. */
  addResultBytes(bytes: number): Decision {
    const perCall = this.limits.bytesPerCall;
    if (perCall !== undefined && bytes > perCall) {
      return deny('TG_BUDGET_EXCEEDED', `a tool result of ${bytes} bytes exceeds the ${perCall}-byte limit per call.`, `limits.bytesPerCall=${perCall}`);
    }
    const total = this.limits.bytesPerExecution;
    if (total !== undefined && this.#bytes + bytes > total) {
      return deny(
        'TG_BUDGET_EXCEEDED',
        `tool results would reach ${this.#bytes + bytes} bytes, over the ${total}-byte limit per execution.`,
        `limits.bytesPerExecution=${total}`,
      );
    }
    this.#bytes += bytes;
    return ALLOW;
  }
}
