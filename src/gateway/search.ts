/**
 * @module src/gateway/search — `search_tools`: the caller's visible tools, ranked, rendered as TypeScript.
 * Visibility (gateway/visibility.ts: usable, allowed by the ACL, egress within the consumer's allow-list)
 * is applied inside the index, before the cut; the declarations carry the consumer's description overrides and omit its pinned parameters.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ToolRecord } from '../../catalog/types.js';
import type { SearchIndex } from '../../index/types.js';
import { renderWithinBudget } from '../../sandbox/typings.js';
import type { Binding } from '../../sandbox/types.js';
import { MAX_SEARCH_LIMIT } from '../config/schema.js';
import type { ConsumerPolicy } from '../policy/compile.js';
import { overridesOf } from './declarations.js';
import { invalidArguments, textResult } from './tool-results.js';

/** Characters of declarations one search response may hold (~4 chars a token: ~3,000 tokens). */
export const SEARCH_RESPONSE_BUDGET_CHARS = 12_000;

export const SearchArgsSchema = z
  .object({
    query: z.string().max(1_000).optional(),
    limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional(),
    detail: z.enum(['full', 'names']).optional(),
    server: z.string().max(200).optional(),
    category: z.string().max(200).optional(),
  })
  .strict();

export interface SearchDeps {
  readonly index: SearchIndex;
  readonly defaultLimit: number;
  /** Bindings of every callable tool, so declarations show the names code must use. */
  readonly bindings: () => readonly Binding[];
  /** The tools this consumer may call, as a predicate for this request (gateway/visibility.ts). */
  readonly visibleTo: (policy: ConsumerPolicy) => (record: ToolRecord) => boolean;
  readonly deprecated: () => Readonly<Record<string, true | string>>;
  /** Score multiplier per tool (deprecated servers rank lower). */
  readonly boost: (record: ToolRecord) => number;
  readonly browse: (visible: (record: ToolRecord) => boolean, server?: string, category?: string) => string;
  readonly observe?: (seconds: number, hits: number) => void;
}

export async function searchTools(deps: SearchDeps, policy: ConsumerPolicy, rawArgs: unknown): Promise<CallToolResult> {
  const parsed = SearchArgsSchema.safeParse(rawArgs);
  if (!parsed.success) return invalidArguments('search_tools', parsed.error);
  const { query, limit = deps.defaultLimit, detail = 'full', server, category } = parsed.data;
  const visible = deps.visibleTo(policy);

  if (query === undefined || query.trim() === '') return textResult(deps.browse(visible, server, category));

  const started = performance.now();
  const hits = await deps.index.search(query, { limit, ...(server === undefined ? {} : { server }), visible, boost: deps.boost });
  deps.observe?.((performance.now() - started) / 1000, hits.length);
  if (hits.length === 0) {
    return textResult(
      `No tools match ${JSON.stringify(query)}${server ? ` on server ${server}` : ''}. Try other words, or call search_tools without a query to browse servers and categories.`,
    );
  }
  const tools = hits.map((h) => h.record);
  const rendered = renderWithinBudget(tools, {
    detail,
    budgetChars: SEARCH_RESPONSE_BUDGET_CHARS,
    bindings: deps.bindings(),
    ...overridesOf(tools, policy),
    deprecated: deps.deprecated(),
  });
  return textResult(`${rendered.text}${moreHint(detail, rendered.names.length, rendered.omitted.length)}`);
}

/** Tells the model how to get what it asked for names only, or what the budget left out. */
export function moreHint(detail: 'full' | 'names', byName: number, omitted: number): string {
  if (byName === 0 && omitted === 0) return '';
  const more = omitted > 0 ? `; ${omitted} more did not fit` : '';
  if (detail === 'names') {
    return `\n// Names only, as asked (detail: "names")${more}: search_tools with detail "full" and a small limit, or a server, gives the declarations to call them with.`;
  }
  const parts = [];
  if (byName > 0) parts.push(`${byName} matches are shown by name only (the response budget)`);
  if (omitted > 0) parts.push(`${omitted} more did not fit`);
  return `\n// ${parts.join('; ')}: search again with a narrower query, a server, or a smaller limit for their declarations.`;
}
