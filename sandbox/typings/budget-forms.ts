/**
 * @module sandbox/typings/budget-forms — the two forms a declaration can take under a budget: full, and
 * compact (shallow, few literals, short text) for a tool whose full declaration would not fit.
 */
import type { BoundTool } from './declarations.js';
import { renderFull } from './declarations.js';
import type { DeclarationOptions, Limits } from './options.js';

/** The compact form tried when a full declaration does not fit: shallow, few literals, short text. */
export const COMPACT_LIMITS: Partial<Limits> = { maxDepth: 1, maxEnumMembers: 5, maxDescriptionChars: 200, maxProperties: 15 };
/**
 * Characters a schema node adds to a declaration, counted low (a property line is `a?: x;` plus indent
 * and JSDoc; bench/typings-estates measured 62 characters a node at the 5th percentile of estate tools).
 * A budget of N characters shows at most about N / this many nodes, so rendering stops there instead of
 * producing a huge declaration only to find it does not fit.
 */
export const MIN_CHARS_PER_NODE = 16; // characters

export interface Form {
  readonly text: string;
  readonly compact: boolean;
}

/**
 * The declarations a tool may take, each rendered once and only when asked for: `full` (undefined when
 * the budget's node cap cut it short: it could not fit anyway) and `compact` (undefined unless smaller).
 */
export function formsOf(item: BoundTool, options: DeclarationOptions, fullLimits: Limits, compactLimits: Limits, capped: boolean) {
  let full: { form: Form; cut: boolean } | undefined;
  let small: Form | undefined;
  const getFull = (): { form: Form; cut: boolean } => {
    if (full !== undefined) return full;
    const stats = { sizeCut: false };
    full = { form: { text: renderFull(item, options, fullLimits, stats), compact: false }, cut: capped && stats.sizeCut };
    return full;
  };
  return {
    full: (): Form | undefined => (getFull().cut ? undefined : getFull().form),
    compact: (): Form | undefined => {
      small ??= { text: renderFull(item, options, compactLimits), compact: true };
      return getFull().cut || small.text.length < getFull().form.text.length ? small : undefined;
    },
  };
}
