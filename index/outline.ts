/**
 * @module index/outline — browse what the caller may use, top-down, when a query misses: servers with a
 * one-line summary and tool counts, then a server's categories, then a category's tool names. Pure
 * functions over the records the caller can see (pass only visible ones).
 */
import type { ToolRecord } from '../catalog/types.js';
import { categorize } from './categories.js';

/** Characters of a server's one-line summary (characters); a line, not a paragraph. */
export const SUMMARY_CHARS = 120;
/** Categories named in a derived summary (count). */
export const SUMMARY_CATEGORIES = 3;

/** What the outline may know about a server beyond its tools (e.g. from catalog ServerMeta). */
export interface ServerInfo {
  readonly id: string;
  readonly title?: string;
  readonly description?: string;
  readonly status?: string;
}

export interface ServerOutline {
  readonly server: string;
  readonly summary: string;
  readonly toolCount: number;
  readonly status?: string;
}

export interface CategoryOutline {
  readonly category: string;
  readonly toolCount: number;
}

function byServer(records: Iterable<ToolRecord>): Map<string, ToolRecord[]> {
  const out = new Map<string, ToolRecord[]>();
  for (const record of records) {
    const list = out.get(record.server);
    if (list) list.push(record);
    else out.set(record.server, [record]);
  }
  return out;
}

/** First sentence, one line, at most SUMMARY_CHARS (cut at a word with an ellipsis). */
export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentence = /^.*?[.!?](?=\s|$)/.exec(flat)?.[0] ?? flat;
  if (sentence.length <= SUMMARY_CHARS) return sentence;
  const cut = sentence.slice(0, SUMMARY_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > SUMMARY_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}

/** Categories of one server's tools with counts, largest first, then by name. */
function countCategories(records: readonly ToolRecord[]): CategoryOutline[] {
  const counts = new Map<string, number>();
  for (const category of categorize(records).values()) counts.set(category, (counts.get(category) ?? 0) + 1);
  return [...counts]
    .map(([category, toolCount]) => ({ category, toolCount }))
    .sort((a, b) => b.toolCount - a.toolCount || (a.category < b.category ? -1 : 1));
}

/** Servers that have at least one of the given records, by id, with a summary and their tool count. */
export function outlineServers(records: Iterable<ToolRecord>, servers: readonly ServerInfo[] = []): ServerOutline[] {
  const info = new Map(servers.map((s) => [s.id, s]));
  return [...byServer(records)]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([server, list]) => {
      const meta = info.get(server);
      const described = meta?.description?.trim()
        ? oneLine(meta.description)
        : meta?.title?.trim()
          ? oneLine(meta.title)
          : '';
      const summary =
        described ||
        oneLine(
          `Tools for ${countCategories(list)
            .slice(0, SUMMARY_CATEGORIES)
            .map((c) => c.category)
            .join(', ')}.`,
        );
      return {
        server,
        summary,
        toolCount: list.length,
        ...(meta?.status !== undefined ? { status: meta.status } : {}),
      };
    });
}

/** One server's categories with tool counts. */
export function outlineCategories(records: Iterable<ToolRecord>, server: string): CategoryOutline[] {
  return countCategories(byServer(records).get(server) ?? []);
}

/** Tool names of one category of one server, sorted. */
export function outlineCategoryTools(records: Iterable<ToolRecord>, server: string, category: string): string[] {
  const list = byServer(records).get(server) ?? [];
  const categories = categorize(list);
  return list
    .filter((r) => categories.get(r.id) === category)
    .map((r) => r.name)
    .sort();
}
