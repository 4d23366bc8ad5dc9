/**
 * @module index/eval/load — reads eval data: tools.jsonl + queries.jsonl (the uniform format of the
 * retrieval dev sets) or an estates folder (one `{server, tools: [...]}` JSON per file, id `<server>.<tool>`).
 * Tools become ToolRecords so the same index code the gateway runs can rank them.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonSchema, ToolRecord } from '../../catalog/types.js';

export interface EvalQuery {
  readonly qid: string;
  readonly query: string;
  /** Gold tool ids; queries without gold are skipped when loading. */
  readonly gold: readonly string[];
}

export interface EvalData {
  readonly name: string;
  readonly tools: readonly ToolRecord[];
  readonly queries: readonly EvalQuery[];
  /** Queries dropped because their gold list was empty. */
  readonly skipped: number;
}

/** Server label for uniform-format tools that carry no `server` field. */
const DEFAULT_SERVER = 'eval';

function parseJsonl(text: string, file: string): Record<string, unknown>[] {
  return text.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
  });
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Builds a ToolRecord from one raw tool object; `id` is given by the caller's format. */
export function toRecord(raw: Record<string, unknown>, id: string, server: string): ToolRecord {
  const inputSchema = (raw.inputSchema && typeof raw.inputSchema === 'object' ? raw.inputSchema : {}) as JsonSchema;
  const name = str(raw.name) || id;
  const description = str(raw.description);
  const hash = createHash('sha256').update(JSON.stringify([name, description, inputSchema])).digest('hex').slice(0, 16);
  return { id, server, name, description, inputSchema, hash };
}

/** Reads `{qid, query, gold}` lines; gold ids unknown to the tool set are dropped, then empty-gold queries. */
async function loadQueries(file: string, ids: ReadonlySet<string>): Promise<{ queries: EvalQuery[]; skipped: number }> {
  const all = parseJsonl(await readFile(file, 'utf8'), file).map((q) => ({
    qid: str(q.qid),
    query: str(q.query),
    gold: Array.isArray(q.gold) ? q.gold.filter((g): g is string => typeof g === 'string' && ids.has(g)) : [],
  }));
  const queries = all.filter((q) => q.gold.length > 0);
  return { queries, skipped: all.length - queries.length };
}

/** Loads the uniform format: `{id, name, description, inputSchema}` and `{qid, query, gold}` lines. */
export async function loadJsonl(toolsFile: string, queriesFile: string, name = toolsFile): Promise<EvalData> {
  const rawTools = parseJsonl(await readFile(toolsFile, 'utf8'), toolsFile);
  const tools = rawTools.map((t) => toRecord(t, str(t.id), str(t.server) || DEFAULT_SERVER));
  const { queries, skipped } = await loadQueries(queriesFile, new Set(tools.map((t) => t.id)));
  return { name, tools, queries, skipped };
}

/** Loads a dev set folder holding `tools.jsonl` and `queries.jsonl`. */
export function loadSetDir(dir: string, name: string): Promise<EvalData> {
  return loadJsonl(join(dir, 'tools.jsonl'), join(dir, 'queries.jsonl'), name);
}

/** `*.json` files of a folder and its subfolders (e.g. estates/docker-registry/), sorted. */
async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => join(e.parentPath, e.name)).sort();
}

/** Loads every `*.json` estate file under a folder; tool id is `<server>.<tool name>`. */
export async function loadEstateTools(dir: string): Promise<ToolRecord[]> {
  const tools: ToolRecord[] = [];
  for (const file of await jsonFiles(dir)) {
    const estate = JSON.parse(await readFile(file, 'utf8')) as { server?: unknown; tools?: unknown };
    const server = str(estate.server);
    if (!server || !Array.isArray(estate.tools)) throw new Error(`${file}: expected {server, tools: [...]}`);
    for (const t of estate.tools as Record<string, unknown>[]) tools.push(toRecord(t, `${server}.${str(t.name)}`, server));
  }
  return tools;
}

/** Loads queries for an estates folder (uniform queries.jsonl whose gold ids are `<server>.<tool>`). */
export async function loadEstates(dir: string, queriesFile: string): Promise<EvalData> {
  const tools = await loadEstateTools(dir);
  const { queries, skipped } = await loadQueries(queriesFile, new Set(tools.map((t) => t.id)));
  return { name: dir, tools, queries, skipped };
}
