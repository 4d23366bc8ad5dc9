/**
 * @module src/gateway/declarations — declarations for `execute_code` with `check: true`: the tools the code
 * refers to (not the whole catalog: 9,000 declarations would take the type-checker seconds), with the
 * consumer's overrides. Namespaces the code names but whose members it misspells are declared as empty objects, so
 * the checker reports "Property 'x' does not exist" rather than an unknown name.
 */
import type { ToolRecord } from '../../catalog/types.js';
import { declarationsFor } from '../../sandbox/typings.js';
import type { Binding } from '../../sandbox/types.js';
import type { ConsumerPolicy } from '../policy/compile.js';

/** The consumer's description overrides and pinned parameters, in the shape the generator takes. */
export function overridesOf(
  tools: readonly ToolRecord[],
  policy: ConsumerPolicy,
): { omitParams: Record<string, readonly string[]>; descriptions: Record<string, string> } {
  const omitParams: Record<string, readonly string[]> = {};
  const descriptions: Record<string, string> = {};
  for (const tool of tools) {
    const override = policy.override(tool.id);
    if (override?.pinned) omitParams[tool.id] = Object.keys(override.pinned);
    if (override?.description !== undefined) descriptions[tool.id] = override.description;
  }
  return { omitParams, descriptions };
}

/** `ns.member` and `ns['member']` references in the code (a superset: comments and strings count too). */
const MEMBER_REFERENCE = /\b([A-Za-z_$][\w$]*)\s*(?:\?\.|\.)\s*([A-Za-z_$][\w$]*)|\b([A-Za-z_$][\w$]*)\s*\[\s*['"`]([^'"`]+)['"`]\s*\]/g;

export function declarationsForCode(code: string, visible: readonly ToolRecord[], policy: ConsumerPolicy, bindings: readonly Binding[]): string {
  const referenced = new Map<string, Set<string>>();
  for (const m of code.matchAll(MEMBER_REFERENCE)) {
    const ns = m[1] ?? m[3]!;
    const member = m[2] ?? m[4]!;
    referenced.set(ns, (referenced.get(ns) ?? new Set()).add(member));
  }
  const byId = new Map(visible.map((r) => [r.id, r]));
  const used = bindings.filter((b) => referenced.get(b.namespace)?.has(b.member) && byId.has(b.toolId));
  const tools = used.map((b) => byId.get(b.toolId)!);
  const namespaces = new Set(bindings.map((b) => b.namespace));
  const declared = new Set(used.map((b) => b.namespace));
  const empty = [...referenced.keys()].filter((ns) => namespaces.has(ns) && !declared.has(ns)).map((ns) => `declare const ${ns}: {};`);
  return [declarationsFor(tools, { bindings, ...overridesOf(tools, policy) }), ...empty].join('\n');
}
