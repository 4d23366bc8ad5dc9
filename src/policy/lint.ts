/**
 * @module src/policy/lint — checks a compiled policy against the catalog's tool ids.
 *
 * Separate from compilation because it needs the catalog, which may be incomplete at start (a server still
 * connecting). A group none of whose patterns matches any tool is an error ("a group that names no tool");
 * single patterns or rules that match nothing are warnings, since servers come and go.
 */
import type { CompiledPolicy } from './compile.js';
import type { ToolMatcher } from './glob.js';

export interface PolicyIssue {
  readonly severity: 'error' | 'warning';
  /** Config path, e.g. `toolGroups.notion-read[0]` or `consumers[0].deny.tools[1]`. */
  readonly path: string;
  readonly message: string;
}

function matchesAny(m: ToolMatcher, toolIds: readonly string[]): boolean {
  return toolIds.some((id) => m.test(id));
}

export function lintPolicy(policy: CompiledPolicy, toolIds: readonly string[]): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  for (const [name, matchers] of policy.groups) {
    const dead = matchers.map((m, i) => ({ m, i })).filter(({ m }) => !matchesAny(m, toolIds));
    if (dead.length === matchers.length) {
      issues.push({ severity: 'error', path: `toolGroups.${name}`, message: `tool group "${name}" names no tool in the catalog` });
      continue;
    }
    for (const { m, i } of dead) {
      issues.push({ severity: 'warning', path: `toolGroups.${name}[${i}]`, message: `pattern "${m.pattern}" matches no tool in the catalog` });
    }
  }
  let index = 0;
  for (const consumer of policy.consumers.values()) {
    for (const kind of ['allow', 'deny'] as const) {
      for (const rule of consumer.rules[kind]) {
        // Groups were checked above; here only direct tool patterns.
        if (!rule.label.startsWith(`${kind}.tools[`)) continue;
        const m = rule.matchers[0];
        if (m && !matchesAny(m, toolIds)) {
          const path = `consumers[${index}].${rule.label.slice(0, rule.label.indexOf('='))}`;
          issues.push({ severity: 'warning', path, message: `pattern "${m.pattern}" of ${consumer.name} matches no tool in the catalog` });
        }
      }
    }
    index += 1;
  }
  return issues;
}
