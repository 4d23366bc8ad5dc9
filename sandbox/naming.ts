/**
 * @module sandbox/naming — turns server ids and upstream tool names into the JavaScript identifiers the
 * model writes (`await <namespace>.<member>(args)`), deterministically, and rejects collisions. The
 * identifier rules live in `naming-identifiers.ts`, the forbidden names in `naming-reserved.ts`.
 *
 * Rules (DESIGN.md "Identifiers"):
 * - NFKD-fold accents, then every run of characters outside `[A-Za-z0-9_]` becomes one `_`; runs at
 *   either end are dropped (`(-deprecated)-list` → `deprecated_list`). Case is kept (`chat_postMessage`).
 * - A leading digit gets a `_` prefix (`46elks-sms` → `_46elks_sms`).
 * - A name with nothing left (e.g. all CJK) becomes `tool_<hash>`; a name longer than
 *   `MAX_IDENTIFIER_CHARS` is cut and ends in `_<hash>` of the whole name, so it stays unique.
 * - Reserved words get a `_` suffix; namespaces also avoid every global of the sandbox (`console_`).
 * - Two tools that end at the same `namespace.member` collide: one is kept (the one whose name needs no
 *   change, else the smaller name in code-unit order), the other is rejected with a message naming both.
 *   Two servers that end at the same namespace collide the same way, server by server.
 */
import { memberName, namespaceName } from './naming-identifiers.js';
import type { Binding, ToolSignature } from './types.js';

export { MAX_IDENTIFIER_CHARS, memberName, namespaceName, shortHash } from './naming-identifiers.js';
export { RESERVED_WORDS, SANDBOX_GLOBALS } from './naming-reserved.js';

export interface Collision {
  /** Tool id (or, for a namespace collision, server id) that keeps the identifier. */
  readonly kept: string;
  /** Tool id (or server id) that is not bound. */
  readonly rejected: string;
  /** The identifier both ended at (`jira.get_issue`, or `my_server` for a namespace). */
  readonly identifier: string;
  readonly message: string;
}

export interface BindingSet {
  /** Sorted by namespace, then member. */
  readonly bindings: Binding[];
  /** Sorted by identifier, then rejected id. */
  readonly collisions: Collision[];
}

/** True when `a` should keep an identifier over `b`: unchanged names first, then code-unit order. */
function preferred(a: { raw: string; ident: string }, b: { raw: string; ident: string }): boolean {
  const aExact = a.raw === a.ident;
  const bExact = b.raw === b.ident;
  if (aExact !== bExact) return aExact;
  return a.raw < b.raw;
}

/** Picks a winner per identifier; every loser becomes a collision against the winner. */
function resolve<T extends { raw: string; ident: string; key: string }>(
  items: readonly T[],
  identifierOf: (item: T) => string,
  describe: (kept: T, rejected: T, identifier: string) => string,
): { kept: Map<string, T>; collisions: Collision[] } {
  const kept = new Map<string, T>();
  for (const item of items) {
    const slot = identifierOf(item);
    const current = kept.get(slot);
    if (current === undefined || preferred(item, current)) kept.set(slot, item);
  }
  const collisions: Collision[] = [];
  for (const item of items) {
    const identifier = identifierOf(item);
    const winner = kept.get(identifier);
    if (winner === undefined || winner.key === item.key) continue;
    collisions.push({ kept: winner.key, rejected: item.key, identifier, message: describe(winner, item, identifier) });
  }
  return { kept, collisions };
}

/**
 * Bindings for a set of tools. The result does not depend on the order of `tools`; a tool id given twice
 * is bound once. Compute it over every tool a consumer may call, not over one page of search results,
 * so that what a declaration shows and what the sandbox binds agree.
 */
export function bindingsFor(tools: readonly ToolSignature[]): BindingSet {
  const byId = new Map<string, ToolSignature>();
  for (const tool of tools) if (!byId.has(tool.id)) byId.set(tool.id, tool);

  const namespaces = new Map<string, string>(); // server id → namespace, computed once per server
  for (const tool of byId.values()) if (!namespaces.has(tool.server)) namespaces.set(tool.server, namespaceName(tool.server));
  const servers = [...namespaces].map(([server, ident]) => ({ raw: server, key: server, ident }));
  const ns = resolve(
    servers,
    (s) => s.ident,
    (kept, rejected, identifier) =>
      `Servers "${kept.raw}" and "${rejected.raw}" both map to namespace ${identifier}; the tools of ` +
      `"${rejected.raw}" are not bound. Rename one server id.`,
  );

  const members = [...byId.values()]
    .filter((t) => ns.kept.get(namespaces.get(t.server)!)?.raw === t.server)
    .map((t) => ({ raw: t.name, key: t.id, ident: memberName(t.name), ns: namespaces.get(t.server)! }));
  const tools2 = resolve(
    members,
    (m) => `${m.ns}.${m.ident}`,
    (kept, rejected, identifier) =>
      `Tools "${kept.key}" and "${rejected.key}" both map to ${identifier}; "${rejected.key}" is not bound ` +
      `(kept "${kept.key}"). Rename one upstream tool.`,
  );

  const bindings = [...tools2.kept.values()]
    .map((m): Binding => ({ toolId: m.key, namespace: m.ns, member: m.ident }))
    .sort((a, b) => compare(a.namespace, b.namespace) || compare(a.member, b.member));
  const collisions = [...ns.collisions, ...tools2.collisions].sort(
    (a, b) => compare(a.identifier, b.identifier) || compare(a.rejected, b.rejected),
  );
  return { bindings, collisions };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
