/**
 * @module bench/tokens-estates — the estates of growing size the token benchmark measures: each estate file
 * of `../shared/estates/` (the docker-registry folder as one estate), then unions up to every tool. Keeps the
 * raw tool objects (for the listing a client would send) beside the ToolRecords the index ranks.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonSchema, ToolRecord } from '../catalog/types.js';

export interface RawTool {
  readonly server: string;
  readonly tool: Readonly<Record<string, unknown>>;
}

export interface Estate {
  readonly name: string;
  readonly servers: ReadonlySet<string>;
  readonly tools: readonly RawTool[];
}

/** The single estates, in the order the tables show them. */
export const SINGLE_ESTATES = [
  'notion', 'github-mcp', 'jira-software', 'slack', 'stripe', 'jira', 'github', 'cloudflare', 'docker-registry',
] as const;

/** Unions of growing size: each adds estates to the one before; the last holds every tool. */
export const UNIONS: ReadonlyArray<{ readonly name: string; readonly add: readonly string[] }> = [
  { name: 'union: notion+github-mcp+jira-software+slack', add: ['notion', 'github-mcp', 'jira-software', 'slack'] },
  { name: 'union: … +stripe+jira', add: ['stripe', 'jira'] },
  { name: 'union: … +github', add: ['github'] },
  { name: 'union: … +cloudflare', add: ['cloudflare'] },
  { name: 'union: all (… +docker-registry)', add: ['docker-registry'] },
];

function readEstateFile(file: string): RawTool[] {
  const estate = JSON.parse(readFileSync(file, 'utf8')) as { server?: unknown; tools?: unknown };
  if (typeof estate.server !== 'string' || !Array.isArray(estate.tools)) throw new Error(`${file}: expected {server, tools: [...]}`);
  const server = estate.server;
  return (estate.tools as Record<string, unknown>[]).map((tool) => ({ server, tool }));
}

/** Reads one named estate: a `<name>.json` file, or a folder of them (docker-registry). */
function readEstate(dir: string, name: string): RawTool[] {
  if (name === 'docker-registry') {
    const folder = join(dir, name);
    return readdirSync(folder).filter((f) => f.endsWith('.json')).sort().flatMap((f) => readEstateFile(join(folder, f)));
  }
  return readEstateFile(join(dir, `${name}.json`));
}

/** Every single estate, then the unions, from an estates folder. */
export function loadEstates(dir: string): Estate[] {
  const singles = new Map<string, RawTool[]>(SINGLE_ESTATES.map((name) => [name, readEstate(dir, name)]));
  const estate = (name: string, tools: RawTool[]): Estate => ({ name, tools, servers: new Set(tools.map((t) => t.server)) });
  const out = SINGLE_ESTATES.map((name) => estate(name, singles.get(name)!));
  let acc: RawTool[] = [];
  for (const union of UNIONS) {
    acc = [...acc, ...union.add.flatMap((name) => singles.get(name)!)];
    out.push(estate(union.name, acc));
  }
  return out;
}

/**
 * The `tools/list` result a client aggregating several MCP servers puts into the context: every tool with
 * its name prefixed by its server (Claude Code and others do so to keep names unique), as compact JSON.
 */
export function fullListing(tools: readonly RawTool[]): string {
  const listed = tools.map(({ server, tool }) => ({
    name: `${server}__${String(tool.name)}`,
    description: typeof tool.description === 'string' ? tool.description : '',
    inputSchema: tool.inputSchema ?? { type: 'object' },
    ...(tool.annotations === undefined ? {} : { annotations: tool.annotations }),
  }));
  return JSON.stringify({ tools: listed });
}

/** A ToolRecord as the catalog would build it from the upstream's listing. */
export function toRecord({ server, tool }: RawTool): ToolRecord {
  const name = String(tool.name);
  const description = typeof tool.description === 'string' ? tool.description : '';
  const inputSchema = (tool.inputSchema && typeof tool.inputSchema === 'object' ? tool.inputSchema : { type: 'object' }) as JsonSchema;
  const hash = createHash('sha256').update(JSON.stringify([name, tool.title, description, inputSchema, tool.annotations])).digest('hex').slice(0, 16);
  return {
    id: `${server}.${name}`,
    server,
    name,
    ...(typeof tool.title === 'string' ? { title: tool.title } : {}),
    description,
    inputSchema,
    ...(tool.annotations && typeof tool.annotations === 'object' ? { annotations: tool.annotations as Record<string, unknown> } : {}),
    hash,
  };
}
