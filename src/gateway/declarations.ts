/**
 * @module src/gateway/declarations — declarations of every tool a consumer may use, with its overrides,
 * for `execute_code` with `check: true` (the type-checker needs them all, not only the last search's).
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

export function renderDeclarations(tools: readonly ToolRecord[], policy: ConsumerPolicy, bindings: readonly Binding[]): string {
  return declarationsFor(tools, { bindings, ...overridesOf(tools, policy) });
}
