/**
 * @module bench/tokens — context tokens of listing every tool against Toolgate's two tools, on the real
 * estates of `../shared/estates/` (issue 6): (a) the full `tools/list` a client aggregating the servers puts
 * into context, (b) Toolgate's `tools/list` plus its instructions, (c) a Code Mode task: (b) plus three real
 * `search_tools` responses over the estate and one `execute_code` call with its result. o200k and cl100k.
 *
 *   npm run bench:tokens -- [--estates ../shared/estates] [--json out.json]
 */
import { writeFileSync } from 'node:fs';
import { countTokens as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { INSTRUCTIONS, TOOL_DEFINITIONS } from '../src/mcp/definitions.js';
import { flag, machine, median, table } from './support.js';
import { fullListing, loadEstates, toRecord, type Estate } from './tokens-estates.js';
import { estateSearch } from './tokens-search.js';
import { TASKS, type Task } from './tokens-tasks.js';

/** Goals of issue 6: the fixed cost (tokens) and a task's share of the full listing on the whole union. */
const GOAL_B_TOKENS = 600; // o200k tokens
const GOAL_C_SHARE = 0.005; // fraction of (a)

export interface Counts {
  readonly o200k: number;
  readonly cl100k: number;
}

export interface TaskTokens extends Counts {
  readonly task: string;
  readonly estate: string;
  /** o200k tokens of the three search calls and responses, and of the execute call and result. */
  readonly searchO200k: number;
  readonly executeO200k: number;
  /** How many of the tools the code calls the three searches surfaced, of how many. */
  readonly surfaced: number;
  readonly needed: number;
}

export interface EstateTokens {
  readonly name: string;
  readonly tools: number;
  readonly servers: number;
  readonly a: Counts;
  /** Median over the tasks this estate can run, with min and max; absent when none applies. */
  readonly c?: { readonly tasks: number; readonly o200k: number; readonly cl100k: number; readonly min: number; readonly max: number; readonly surfaced: number; readonly needed: number };
  readonly indexBuildSeconds?: number;
}

export interface TokensResult {
  readonly machine: string;
  readonly b: Counts;
  readonly estates: readonly EstateTokens[];
  readonly tasks: readonly TaskTokens[];
}

const count = (text: string): Counts => ({ o200k: o200k(text), cl100k: cl100k(text) });
const add = (x: Counts, y: Counts): Counts => ({ o200k: x.o200k + y.o200k, cl100k: x.cl100k + y.cl100k });

/** Toolgate's fixed cost: the tools/list result and the server instructions. */
export function fixedCost(): Counts {
  return add(count(JSON.stringify({ tools: TOOL_DEFINITIONS })), count(INSTRUCTIONS));
}

const applies = (task: Task, estate: Estate): boolean => task.tools.every((id) => estate.servers.has(id.slice(0, id.indexOf('.'))));

/** Whether a search response shows a tool (its `@id` line, or its id in a names-only line). */
function mentions(text: string, toolId: string): boolean {
  const escaped = toolId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}(?![A-Za-z0-9_-])`).test(text);
}

async function runTasks(estate: Estate, b: Counts): Promise<{ tasks: TaskTokens[]; buildSeconds?: number }> {
  const tasks = TASKS.filter((t) => applies(t, estate));
  if (tasks.length === 0) return { tasks: [] };
  const search = await estateSearch(estate.tools.map(toRecord));
  const out: TaskTokens[] = [];
  for (const task of tasks) {
    let searched: Counts = { o200k: 0, cl100k: 0 };
    const responses: string[] = [];
    for (const query of task.queries) {
      const response = await search.search({ query });
      responses.push(response);
      searched = add(searched, add(count(JSON.stringify({ query })), count(response)));
    }
    const surfaced = task.tools.filter((id) => responses.some((text) => mentions(text, id))).length;
    const executed = add(count(JSON.stringify({ code: task.code(search.call) })), count(JSON.stringify(task.result, null, 2)));
    const total = add(b, add(searched, executed));
    out.push({ task: task.name, estate: estate.name, ...total, searchO200k: searched.o200k, executeO200k: executed.o200k, surfaced, needed: task.tools.length });
  }
  return { tasks: out, buildSeconds: search.buildSeconds };
}

export async function measureTokens(dir: string, log: (line: string) => void = () => {}): Promise<TokensResult> {
  const b = fixedCost();
  const estates: EstateTokens[] = [];
  const allTasks: TaskTokens[] = [];
  for (const estate of loadEstates(dir)) {
    const a = count(fullListing(estate.tools));
    const { tasks, buildSeconds } = await runTasks(estate, b);
    allTasks.push(...tasks);
    const totals = tasks.map((t) => t.o200k);
    estates.push({
      name: estate.name,
      tools: estate.tools.length,
      servers: estate.servers.size,
      a,
      ...(tasks.length === 0
        ? {}
        : {
            c: {
              tasks: tasks.length,
              o200k: median(totals),
              cl100k: median(tasks.map((t) => t.cl100k)),
              min: Math.min(...totals),
              max: Math.max(...totals),
              surfaced: tasks.reduce((n, t) => n + t.surfaced, 0),
              needed: tasks.reduce((n, t) => n + t.needed, 0),
            },
          }),
      ...(buildSeconds === undefined ? {} : { indexBuildSeconds: buildSeconds }),
    });
    log(`${estate.name}: ${estate.tools.length} tools, (a) ${a.o200k} o200k, ${tasks.length} tasks`);
  }
  return { machine: machine(), b, estates, tasks: allTasks };
}

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
const int = (x: number): string => Math.round(x).toLocaleString('en-US');

export function tokensTables(r: TokensResult): string {
  const estates = table(
    ['estate', 'tools', '(a) o200k', '(a) cl100k', '(b) o200k', '(c) o200k median [min–max] (tasks)', 'tools surfaced', '1 − b/a', '1 − c/a'],
    r.estates.map((e) => [
      e.name,
      int(e.tools),
      int(e.a.o200k),
      int(e.a.cl100k),
      int(r.b.o200k),
      e.c ? `${int(e.c.o200k)} [${int(e.c.min)}–${int(e.c.max)}] (${e.c.tasks})` : 'no task applies',
      e.c ? `${e.c.surfaced}/${e.c.needed}` : '—',
      pct(1 - r.b.o200k / e.a.o200k),
      e.c ? pct(1 - e.c.o200k / e.a.o200k) : '—',
    ]),
  );
  const last = r.estates.at(-1);
  const tasks = table(
    ['task (on the whole union)', 'tools surfaced', '3 searches o200k', 'execute o200k', '(c) o200k', '(c) cl100k', 'c/a'],
    r.tasks
      .filter((t) => t.estate === last?.name)
      .map((t) => [t.task, `${t.surfaced}/${t.needed}`, int(t.searchO200k), int(t.executeO200k), int(t.o200k), int(t.cl100k), last ? pct(t.o200k / last.a.o200k) : '—']),
  );
  const anchors = table(
    ['published anchor', 'before', 'after', 'reduction'],
    [
      ['Cloudflare Code Mode, 2,500-endpoint API', '~1,170,000', '~1,000', '99.9%'],
      ['Anthropic, code execution with MCP', '150,000', '2,000', '98.7%'],
      ["Anthropic's Tool Search tool", '~77,000', '~8,700', '85%'],
    ],
  );
  const goals = last?.c
    ? [
        `- (b) ${int(r.b.o200k)} o200k tokens (${int(r.b.cl100k)} cl100k): goal ≤ ${GOAL_B_TOKENS} — ${r.b.o200k <= GOAL_B_TOKENS ? 'met' : 'NOT met'}`,
        `- (c) on ${last.name} (${int(last.tools)} tools): median ${int(last.c.o200k)} of ${int(last.a.o200k)} = ${pct(last.c.o200k / last.a.o200k)} of (a), worst task ${pct(last.c.max / last.a.o200k)}: goal ≤ ${pct(GOAL_C_SHARE)} — ${last.c.max / last.a.o200k <= GOAL_C_SHARE ? 'met by every task' : last.c.o200k / last.a.o200k <= GOAL_C_SHARE ? 'met by the median' : 'NOT met'}`,
      ].join('\n')
    : '';
  return [estates, tasks, anchors, goals].join('\n\n');
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const result = await measureTokens(flag('estates', '../shared/estates'), (line) => console.error(line));
  const json = flag('json', '');
  if (json) writeFileSync(json, JSON.stringify(result, null, 2));
  console.log(`# Tokens: full listing vs Toolgate (${result.machine})\n`);
  console.log(tokensTables(result));
}
