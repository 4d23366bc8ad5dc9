/**
 * @module index/categories — a category for each tool of one server, for browsing when a query misses:
 * an explicit tag when the upstream gives one (OpenAPI `x-tags`, `tags`, `category`), else the resource
 * noun its name shares with other tools (`list_issues`, `get_issue` → `issues`), else its verb (`get`),
 * else its annotations, else `other`.
 */
import type { ToolRecord } from '../catalog/types.js';
import { identifierParts, stem, STOP_WORDS } from './tokenize.js';

/** A noun becomes a category only when this many tools of the server share it (count). */
export const MIN_NOUN_CATEGORY = 2;
export const OTHER_CATEGORY = 'other';

/** Verbs that start tool names (HTTP methods included, for OpenAPI-derived names like `PostCharges`). */
// prettier-ignore
export const NAME_VERBS: ReadonlySet<string> = new Set([
  'get', 'list', 'search', 'find', 'fetch', 'read', 'query', 'describe', 'show', 'count', 'check', 'lookup',
  'create', 'add', 'new', 'post', 'put', 'patch', 'update', 'edit', 'set', 'modify', 'upsert', 'replace',
  'delete', 'remove', 'destroy', 'archive', 'run', 'execute', 'start', 'stop', 'send', 'upload', 'download',
  'retrieve', 'view', 'open', 'close', 'move', 'copy', 'merge', 'assign', 'invite', 'enable', 'disable',
  'cancel', 'approve', 'reject', 'publish', 'validate', 'generate', 'convert', 'sync', 'import', 'export',
  'install', 'uninstall', 'trigger', 'subscribe', 'unsubscribe', 'mark', 'reply', 'share', 'rename', 'save',
  'write', 'append', 'insert', 'clear', 'reset', 'resolve', 'submit', 'verify', 'analyze', 'manage',
]);

/** Fields that may carry upstream tags: ToolRecord has no `_meta` yet, so read it structurally. */
function explicitTag(record: ToolRecord): string | undefined {
  const loose = record as unknown as { _meta?: Record<string, unknown>; tags?: unknown };
  const meta = loose._meta ?? {};
  for (const value of [meta['x-tags'], meta['tags'], loose.tags, record.annotations?.['tags'], meta['category']]) {
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (Array.isArray(value) && typeof value[0] === 'string' && value[0].trim()) return value[0].trim();
  }
  return undefined;
}

/** The parts of a tool's name after leading words of the server id (`autotask_search` → `search`). */
function nameParts(record: ToolRecord): string[] {
  const parts = identifierParts(record.name);
  const serverWords = new Set(identifierParts(record.server));
  let i = 0;
  while (i < parts.length - 1 && serverWords.has(parts[i]!)) i++;
  return parts.slice(i);
}

function isNoun(part: string): boolean {
  return !NAME_VERBS.has(part) && !STOP_WORDS.has(part) && part.length > 1 && !/^\d+$/.test(part) && part !== 'all';
}

/** Index of the first noun-like part. */
function nounIndex(parts: readonly string[]): number {
  return parts.findIndex(isNoun);
}

function annotationCategory(record: ToolRecord): string | undefined {
  if (record.annotations?.['destructiveHint'] === true) return 'destructive';
  if (record.annotations?.['readOnlyHint'] === true) return 'read-only';
  return undefined;
}

/** The most frequent surface form of a key; ties go to the alphabetically first. */
function mostFrequent(forms: Map<string, number>): string {
  return [...forms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

interface NounGroup {
  readonly ids: string[];
  readonly forms: Map<string, number>;
  /** Stems of the noun part that follows (`pull` → `request`) with their surface forms, to name two-word resources. */
  readonly next: Map<string, Map<string, number>>;
}

/** `pull request` when every tool of the group continues the noun with the same word, else the noun. */
function groupLabel(group: NounGroup): string {
  const noun = mostFrequent(group.forms);
  for (const forms of group.next.values()) {
    let count = 0;
    for (const n of forms.values()) count += n;
    if (count === group.ids.length) return `${noun} ${mostFrequent(forms)}`;
  }
  return noun;
}

/** Category of each tool of one server's records, by tool id. */
export function categorize(records: readonly ToolRecord[]): Map<string, string> {
  const out = new Map<string, string>();
  const nouns = new Map<string, NounGroup>();
  const untagged: ToolRecord[] = [];
  for (const record of records) {
    const tag = explicitTag(record);
    if (tag !== undefined) out.set(record.id, tag);
    else untagged.push(record);
  }
  for (const record of untagged) {
    const parts = nameParts(record);
    const at = nounIndex(parts);
    const noun = parts[at];
    if (at < 0 || noun === undefined) continue;
    const key = stem(noun);
    let group = nouns.get(key);
    if (!group) nouns.set(key, (group = { ids: [], forms: new Map(), next: new Map() }));
    group.ids.push(record.id);
    group.forms.set(noun, (group.forms.get(noun) ?? 0) + 1);
    const next = parts[at + 1];
    if (next !== undefined && isNoun(next)) {
      let forms = group.next.get(stem(next));
      if (!forms) group.next.set(stem(next), (forms = new Map()));
      forms.set(next, (forms.get(next) ?? 0) + 1);
    }
  }
  const labels = new Map<string, string>();
  for (const [key, group] of nouns) {
    if (group.ids.length < MIN_NOUN_CATEGORY) continue;
    labels.set(key, groupLabel(group));
    for (const id of group.ids) out.set(id, labels.get(key)!);
  }
  for (const record of untagged) {
    if (out.has(record.id)) continue;
    // A lone first noun (`fork_repository`): a later noun may name a category that exists.
    const later = nameParts(record)
      .filter(isNoun)
      .slice(1)
      .find((p) => labels.has(stem(p)));
    if (later !== undefined) {
      out.set(record.id, labels.get(stem(later))!);
      continue;
    }
    const verb = nameParts(record).find((p) => NAME_VERBS.has(p));
    out.set(record.id, verb ?? annotationCategory(record) ?? OTHER_CATEGORY);
  }
  return out;
}
