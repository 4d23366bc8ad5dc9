/**
 * @module sandbox/typings/budget — progressive disclosure under a size budget. Ranked tools get full
 * declarations while they fit (a tool too big at full detail is tried once more in a compact form),
 * then one-line names while those fit; the rest is reported as omitted so the caller can tell the model
 * how to get more ("N more matches; call search_tools with ...").
 */
import type { ToolSignature } from '../types.js';
import type { BoundTool } from './declarations.js';
import { assembleFull, bindTools, renderFull, renderName } from './declarations.js';
import type { DeclarationOptions, Limits } from './options.js';
import { limitsOf } from './options.js';

/**
 * Characters per model token for this text. A rough mean (o200k gives ~3.5-4.5 on declarations, lower on
 * non-Latin text); used only to turn a token budget into characters here. Real counts belong in bench/.
 */
export const CHARS_PER_TOKEN = 4; // characters per token
/** Budget of one search response when the caller names none. */
export const DEFAULT_TOKEN_BUDGET = 4000; // tokens
/** The compact form tried when a full declaration does not fit: shallow, few literals, short text. */
export const COMPACT_LIMITS: Partial<Limits> = { maxDepth: 2, maxEnumMembers: 5, maxDescriptionChars: 200, maxProperties: 15 };
/** Line between the full declarations and the names-only list. */
export const NAMES_HEADER = '// Also matching (signatures not shown):\n';

export interface BudgetOptions extends DeclarationOptions {
  /** Budget in tokens (turned into characters with `CHARS_PER_TOKEN`). */
  readonly budgetTokens?: number;
  /** Budget in characters; wins over `budgetTokens`. */
  readonly budgetChars?: number;
}

export interface BudgetResult {
  readonly text: string;
  /** Tool ids shown with a declaration (in rank order), and those of them in the compact form. */
  readonly full: string[];
  readonly compact: string[];
  /** Tool ids shown by name only. */
  readonly names: string[];
  /** Tool ids not shown at all, in rank order. */
  readonly omitted: string[];
  /** Tool ids left out because they have no binding (they cannot be called). */
  readonly unbound: string[];
  readonly chars: number;
  /** `chars / CHARS_PER_TOKEN`, rounded up: an estimate. */
  readonly estimatedTokens: number;
}

function budgetOf(options: BudgetOptions): number {
  if (typeof options.budgetChars === 'number' && options.budgetChars >= 0) return Math.floor(options.budgetChars);
  const tokens = typeof options.budgetTokens === 'number' && options.budgetTokens >= 0 ? options.budgetTokens : DEFAULT_TOKEN_BUDGET;
  return Math.floor(tokens * CHARS_PER_TOKEN);
}

/** `tools` in rank order, best first. Pure; the text never exceeds the budget. */
export function renderWithinBudget(tools: readonly ToolSignature[], options: BudgetOptions = {}): BudgetResult {
  const budget = budgetOf(options);
  const limits = limitsOf(options);
  const compactLimits = { ...limits, ...COMPACT_LIMITS };
  const items = bindTools(tools, options);
  const boundIds = new Set(items.map((i) => i.tool.id));
  const unbound = [...new Set(tools.map((t) => t.id))].filter((id) => !boundIds.has(id));

  const fullItems: BoundTool[] = [];
  const blocks: string[] = [];
  const compact: string[] = [];
  const rest: BoundTool[] = [];
  let fullText = '';
  for (const item of items) {
    if (options.detail === 'names') {
      rest.push(item);
      continue;
    }
    const fits = (candidate: string): boolean =>
      assembleFull([...fullItems, item], [...blocks, candidate], options).length <= budget;
    let block: string | undefined = renderFull(item, options, limits);
    if (!fits(block)) {
      block = renderFull(item, options, compactLimits);
      if (fits(block)) compact.push(item.tool.id);
      else block = undefined;
    }
    if (block === undefined) {
      rest.push(item);
      continue;
    }
    fullItems.push(item);
    blocks.push(block);
    fullText = assembleFull(fullItems, blocks, options);
  }

  const names: string[] = [];
  const omitted: string[] = [];
  let text = fullText;
  const header = fullText === '' ? '' : `\n${NAMES_HEADER}`;
  for (const item of rest) {
    const line = renderName(item, options, limits);
    const next = names.length === 0 ? `${text}${header}${line}` : `${text}${line}`;
    // Stop at the first line that does not fit, so what is omitted is exactly the tail of the ranking.
    if (omitted.length > 0 || next.length > budget) {
      omitted.push(item.tool.id);
      continue;
    }
    text = next;
    names.push(item.tool.id);
  }
  return {
    text,
    full: fullItems.map((i) => i.tool.id),
    compact,
    names,
    omitted,
    unbound,
    chars: text.length,
    estimatedTokens: Math.ceil(text.length / CHARS_PER_TOKEN),
  };
}
