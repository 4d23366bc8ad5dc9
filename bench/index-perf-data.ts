/**
 * @module bench/index-perf-data — the estates folder as ToolRecords (top-level files and
 * `docker-registry/`), and deterministic sample queries drawn from the tools' own descriptions.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonSchema, ToolRecord } from '../catalog/types.js';

interface RawTool {
  readonly name?: unknown;
  readonly title?: unknown;
  readonly description?: unknown;
  readonly inputSchema?: unknown;
  readonly annotations?: unknown;
}

/** Words of a description used as a query (count): about what a model types. */
const QUERY_WORDS = 6;

async function jsonFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'LICENSES') out.push(...(await jsonFiles(path)));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(path);
  }
  return out.sort();
}

export async function loadEstateRecords(dir: string): Promise<ToolRecord[]> {
  const records: ToolRecord[] = [];
  for (const file of await jsonFiles(dir)) {
    const estate = JSON.parse(await readFile(file, 'utf8')) as { server?: string; tools?: RawTool[] };
    if (!estate.server || !Array.isArray(estate.tools)) continue;
    for (const t of estate.tools) {
      const name = typeof t.name === 'string' ? t.name : '';
      const base = {
        id: `${estate.server}.${name}`,
        server: estate.server,
        name,
        ...(typeof t.title === 'string' ? { title: t.title } : {}),
        description: typeof t.description === 'string' ? t.description : '',
        inputSchema: (t.inputSchema ?? { type: 'object' }) as JsonSchema,
        ...(t.annotations && typeof t.annotations === 'object'
          ? { annotations: t.annotations as Record<string, unknown> }
          : {}),
      };
      records.push({ ...base, hash: createHash('sha256').update(JSON.stringify(base)).digest('hex').slice(0, 16) });
    }
  }
  return records;
}

/** `count` queries: the first words of every k-th tool's description, or its name when it has none. */
export function sampleQueries(records: readonly ToolRecord[], count: number): string[] {
  const step = Math.max(1, Math.floor(records.length / count));
  const out: string[] = [];
  for (let i = 0; out.length < count && i < records.length * 2; i += step) {
    const r = records[(i * 7919) % records.length]!;
    const words = r.description.split(/\s+/).filter(Boolean).slice(0, QUERY_WORDS).join(' ');
    out.push(words || r.name);
  }
  return out;
}
