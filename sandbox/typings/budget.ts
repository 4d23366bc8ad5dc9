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
export const COMPACT_LIMITS: Partial<Limits> = { maxDepth: 1, maxEnumMembers: 5, maxDescriptionChars: 200, maxProperties: 15 };
/**
 * Fewest characters one schema node adds to a declaration (`a?: x;` on its own indented line). A budget
 * of N characters can show at most N / this many nodes, so rendering stops there instead of producing a
 * huge declaration only to find it does not fit.
 */
const MIN_CHARS_PER_NODE = 8; // characters
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

interface Form {
  readonly text: string;
  readonly compact: boolean;
}

/**
 * The declarations a tool may take, each rendered once and only when asked for: `full` (undefined when
 * the budget's node cap cut it short: it could not fit anyway) and `compact` (undefined unless smaller).
 */
function formsOf(item: BoundTool, options: DeclarationOptions, fullLimits: Limits, compactLimits: Limits, capped: boolean) {
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
