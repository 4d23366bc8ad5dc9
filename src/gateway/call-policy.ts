/**
 * @module src/gateway/call-policy — the pipeline's view of one consumer's compiled policy:
 * authorization, pinning, egress and admission (rate limits, quotas) behind one small object.
 */
import type { ServerMeta } from '../../catalog/types.js';
import type { CallPolicy } from '../pipeline/context.js';
import type { ConsumerPolicy } from '../policy/compile.js';
import type { Decision } from '../policy/decision.js';
import { checkEgress } from '../policy/egress.js';
import { applyPins } from '../policy/pin.js';

export type Admission = (consumer: string, toolId: string, server?: ServerMeta) => Decision;

export function callPolicyOf(policy: ConsumerPolicy, admit: Admission): CallPolicy {
  return {
    name: policy.name,
    authorize: policy.authorize,
    pin(toolId, args) {
      const { args: pinnedArgs, overridden } = applyPins(args, policy.override(toolId)?.pinned);
      return { args: pinnedArgs, ignored: [...overridden] };
    },
    egress: (server: ServerMeta) => checkEgress(server, policy.egress, policy.name),
    admit: (toolId, server) => admit(policy.name, toolId, server),
  };
}
