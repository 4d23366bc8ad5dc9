/**
 * @module src/pipeline/steps/checks — the policy steps: acl, pin, validate, egress, limits.
 * Each is a thin, named wrapper around a compiled policy function; the decisions come from `src/policy/`.
 */
import type { ServerMeta, ToolRecord } from '../../../catalog/types.js';
import { ALLOW, type Decision, deny } from '../../policy/decision.js';
import type { Step } from '../pipeline.js';

export interface ToolLookup {
  (toolId: string): { record: ToolRecord; server: ServerMeta } | { error: Decision } | undefined;
}

/** acl: the one authorization function, then resolution of the tool (not found, quarantined). */
export function aclStep(lookup: ToolLookup): Step {
  return {
    name: 'acl',
    run: function acl(ctx) {
      const decision = ctx.policy.authorize(ctx.toolId);
      if (!decision.allowed) return decision;
      const found = lookup(ctx.toolId);
      if (found === undefined) {
        return deny('TG_TOOL_NOT_FOUND', `No tool ${JSON.stringify(ctx.toolId)} exists in the catalog.`, 'catalog');
      }
      if ('error' in found) return found.error;
      ctx.record = found.record;
      ctx.server = found.server;
      return decision;
    },
  };
}

/** pin: pinned parameters are forced whatever the code passes; attempts are audited. */
export const pinStep: Step = {
  name: 'pin',
  run: function pin(ctx) {
    const { args, ignored } = ctx.policy.pin(ctx.toolId, ctx.args);
    ctx.args = args;
    if (ignored.length > 0) ctx.audit.pinnedIgnored = ignored;
    return ALLOW;
  },
};

/** validate: arguments against the tool's inputSchema. */
export function validateStep(validate: (record: ToolRecord, args: unknown) => Decision): Step {
  return {
    name: 'validate',
    run: function validateArgs(ctx) {
      return ctx.record === undefined ? ALLOW : validate(ctx.record, ctx.args);
    },
  };
}

/** egress: every domain the server reaches must be allowed for the consumer. */
export const egressStep: Step = {
  name: 'egress',
  run: function egress(ctx) {
    return ctx.server === undefined ? ALLOW : ctx.policy.egress(ctx.server);
  },
};

/** limits: rate limits and daily quota; spends a token only when every earlier check passed. */
export const limitsStep: Step = {
  name: 'limits',
  run: function limits(ctx) {
    return ctx.policy.admit(ctx.toolId, ctx.server);
  },
};
