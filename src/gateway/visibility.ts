/**
 * @module src/gateway/visibility — which tools a consumer sees: exactly those it may call. A tool is shown
 * when its server is usable (status, no quarantine), the consumer's ACL allows it (`authorize`, the function
 * the pipeline's acl step runs) and every domain its server reaches is on the consumer's outbound
 * allow-list (`checkEgress`, the function the egress step runs). Search, browse and the declarations
 * handed to `execute_code` all use this one predicate.
 */
import type { ServerMeta, ToolRecord } from '../../catalog/types.js';
import type { ConsumerPolicy } from '../policy/compile.js';
import { checkEgress } from '../policy/egress.js';

export interface VisibilityDeps {
  /** Server status and quarantine, independent of the consumer. */
  readonly usable: (record: ToolRecord) => boolean;
  /** The running server's metadata (its declared egress), or undefined when it is not in the catalog. */
  readonly server: (id: string) => ServerMeta | undefined;
}

/**
 * The predicate for one request. Egress is decided once per server and remembered for the request, so
 * filtering thousands of records costs a map lookup each.
 */
export function visibleTo(policy: ConsumerPolicy, deps: VisibilityDeps): (record: ToolRecord) => boolean {
  const egressAllowed = new Map<string, boolean>();
  const reachable = (serverId: string): boolean => {
    let allowed = egressAllowed.get(serverId);
    if (allowed === undefined) {
      const meta = deps.server(serverId);
      allowed = meta !== undefined && checkEgress(meta, policy.egress, policy.name).allowed;
      egressAllowed.set(serverId, allowed);
    }
    return allowed;
  };
  return (record) => deps.usable(record) && policy.visible(record) && reachable(record.server);
}
