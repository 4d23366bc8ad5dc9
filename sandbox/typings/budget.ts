/**
 * @module sandbox/typings/budget — progressive disclosure under a size budget. Ranked tools get full
 * declarations while they fit (a tool too big at full detail is tried once more in a compact form),
 * then one-line names while those fit; the rest is reported as omitted so the caller can tell the model
 * how to get more ("N more matches; call search_tools with ...").
 */
import type { ToolSignature } from '../types.js';
import { COMPACT_LIMITS, MIN_CHARS_PER_NODE, formsOf } from './budget-forms.js';
import type { Form } from './budget-forms.js';
import { assembleFull, bindTools, renderName } from './declarations.js';
import type { DeclarationOptions } from './options.js';
import { limitsOf } from './options.js';

export { COMPACT_LIMITS } from './budget-forms.js';

/**
 * Characters per model token for this text: a round figure on the safe side of what was measured (o200k
 * gave 4.31 on the declarations of 1,000 random estate tools, 4.59 on names lines; less for non-Latin
 * text), so a token budget is not overrun. Used only to turn tokens into characters; no tokenizer here.
 */
export const CHARS_PER_TOKEN = 4; // characters per token
/** Budget of one search response when the caller names none. */
export const DEFAULT_TOKEN_BUDGET = 4000; // tokens
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

/**
 * `tools` in rank order, best first. Pure; the text never exceeds the budget.
 *
 * Tools are upgraded from a name line to a declaration (full, else compact) in rank order, only while
 * the names of all the tools not upgraded still fit beside it: for many matches the model sees every
 * name before it sees more detail. The best-ranked tool gets a declaration even without that room when
 * one fits at all. Name lines that do not fit at the end are cut from the tail of the ranking.
 */
export function renderWithinBudget(tools: readonly ToolSignature[], options: BudgetOptions = {}): BudgetResult {
  const budget = budgetOf(options);
  const limits = limitsOf(options);
  const nodeCap = Math.min(limits.maxNodes, Math.ceil(budget / MIN_CHARS_PER_NODE));
  const fullLimits = { ...limits, maxNodes: nodeCap };
  const compactLimits = { ...limits, ...COMPACT_LIMITS, maxNodes: nodeCap };
  const items = bindTools(tools, options);
  const boundIds = new Set(items.map((i) => i.tool.id));
  const unbound = [...new Set(tools.map((t) => t.id))].filter((id) => !boundIds.has(id));
  const lines = items.map((item) => renderName(item, options, limits));

  const blocks = new Map<number, string>(); // item index → its declaration
  const compact: string[] = [];
  let namesChars = lines.reduce((sum, line) => sum + line.length, 0);
  const fullText = (): string => {
    const chosen = [...blocks.keys()].sort((a, b) => a - b);
    return assembleFull(chosen.map((i) => items[i]!), chosen.map((i) => blocks.get(i)!), options);
  };
  const total = (full: string, names: number): number =>
    full.length + (names === 0 ? 0 : names + (full === '' ? 0 : NAMES_HEADER.length + 1));

  if (options.detail !== 'names') {
    const capped = nodeCap < limits.maxNodes;
    items.forEach((item, i) => {
      const reserve = namesChars - lines[i]!.length;
      const fits = (form: Form | undefined, reserved: number): boolean => {
        if (form === undefined) return false;
        blocks.set(i, form.text);
        const ok = total(fullText(), reserved) <= budget;
        if (!ok) blocks.delete(i);
        return ok;
      };
      const forms = formsOf(item, options, fullLimits, compactLimits, capped);
      // Room is kept for the other names first; the best-ranked tool may then take that room itself.
      const attempts = i === 0 ? [reserve, 0] : [reserve];
      for (const reserved of attempts) {
        const form = fits(forms.full(), reserved) ? forms.full() : fits(forms.compact(), reserved) ? forms.compact() : undefined;
        if (form === undefined) continue;
        if (form.compact) compact.push(item.tool.id);
        namesChars -= lines[i]!.length;
        break;
      }
    });
  }

  let text = fullText();
  const names: string[] = [];
  const omitted: string[] = [];
  const header = text === '' ? '' : `\n${NAMES_HEADER}`;
  items.forEach((item, i) => {
    if (blocks.has(i)) return;
    const next = names.length === 0 ? `${text}${header}${lines[i]}` : `${text}${lines[i]}`;
    // Stop at the first line that does not fit, so what is omitted is exactly the tail of the ranking.
    if (omitted.length > 0 || next.length > budget) {
      omitted.push(item.tool.id);
      return;
    }
    text = next;
    names.push(item.tool.id);
  });
  return {
    text,
    full: [...blocks.keys()].sort((a, b) => a - b).map((i) => items[i]!.tool.id),
    compact,
    names,
    omitted,
    unbound,
    chars: text.length,
    estimatedTokens: Math.ceil(text.length / CHARS_PER_TOKEN),
  };
}
