/**
 * @module src/gateway/bound — the bindings of the indexed tools (`namespace.member` → tool id) and the
 * collisions that left a tool unbound. An unbound tool cannot be called, so it is not shown either, and
 * its server carries a warning naming both tools (DESIGN.md "Identifiers": collisions are rejected with a
 * message naming both).
 */
import type { ServerState, ToolRecord } from '../../catalog/types.js';
import { BindingTable } from '../../sandbox/binding-table.js';
import { bindingsFor, type Collision } from '../../sandbox/naming.js';
import type { Binding } from '../../sandbox/types.js';

export interface Bound {
  readonly list: readonly Binding[];
  readonly table: BindingTable;
  /** Ids of the tools that have a binding. */
  readonly ids: ReadonlySet<string>;
  readonly collisions: readonly Collision[];
}

export function bindTools(records: readonly ToolRecord[]): Bound {
  const { bindings, collisions } = bindingsFor(records);
  return { list: bindings, table: new BindingTable(bindings), ids: new Set(bindings.map((b) => b.toolId)), collisions };
}

/** The servers with each one's collision warning added to any warning it already has. */
export function withCollisionWarnings(servers: readonly ServerState[], collisions: readonly Collision[], serverOf: (toolId: string) => string | undefined): ServerState[] {
  const unbound = collisionWarnings(collisions, serverOf);
  return servers.map((s) => {
    const warning = [s.warning, unbound.get(s.meta.id)].filter(Boolean).join('; ');
    return warning ? { ...s, warning } : s;
  });
}

/**
 * One warning per server that lost tools (or its namespace) to a collision. A tool collision names tool
 * ids; a namespace collision names server ids, so `serverOf` falls back to the id itself.
 */
function collisionWarnings(collisions: readonly Collision[], serverOf: (toolId: string) => string | undefined): Map<string, string> {
  const out = new Map<string, string[]>();
  for (const c of collisions) {
    const server = serverOf(c.rejected) ?? c.rejected;
    out.set(server, [...(out.get(server) ?? []), c.message]);
  }
  return new Map([...out].map(([server, messages]) => [server, `not bound: ${messages.join('; ')}`]));
}
