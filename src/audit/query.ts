/**
 * @module src/audit/query — reading the audit log back for `toolgate audit tail` and `toolgate audit query`.
 * Streams the files line by line (bounded memory), oldest file first (`auditFiles()` gives rotated files,
 * then the live one); a line that is not JSON is skipped, never fatal.
 */
import { createReadStream, existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { ToolgateError } from '../errors.js';
import { compilePattern } from '../policy/glob.js';
import type { StoredAuditRecord } from './types.js';

export const DEFAULT_QUERY_LIMIT = 1_000; // records returned at most (the newest ones)
const TAIL_CHUNK_BYTES = 65_536; // read size when scanning backwards

export interface AuditQuery {
  readonly consumer?: string;
  /** One execution: its `execution` record (or, when it never ended, its `call` records) and nothing else. */
  readonly executionId?: string;
  /** A tool id or pattern (`jira.*`); keeps records with a matching call, and only those calls. */
  readonly tool?: string;
  /** A Date, an ISO time, or a span back from now: `30s`, `15m`, `2h`, `7d`. */
  readonly since?: Date | string;
  readonly limit?: number;
  /** For tests: what "now" is when `since` is a span. */
  readonly now?: number;
}

const SPAN_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseSince(since: Date | string, now = Date.now()): number {
  if (since instanceof Date) return since.getTime();
  const span = /^(\d+)([smhd])$/.exec(since.trim());
  if (span) return now - Number(span[1]) * SPAN_MS[span[2]!]!;
  const t = Date.parse(since);
  if (Number.isNaN(t)) throw new ToolgateError('TG_REQUEST_INVALID', `since: expected an ISO time or a span like 15m, 2h, 7d; got "${since}"`);
  return t;
}

function parseLine(line: string): StoredAuditRecord | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? (value as StoredAuditRecord) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Matching records, oldest first, at most `limit` (the newest). `call` records stand in for their execution
 * only when it never wrote its `execution` record (the gateway died mid-execution); otherwise that record,
 * which repeats its calls, is the one returned.
 */
export async function queryAudit(files: string | readonly string[], q: AuditQuery = {}): Promise<StoredAuditRecord[]> {
  const since = q.since === undefined ? undefined : parseSince(q.since, q.now);
  const tool = q.tool === undefined ? undefined : compilePattern(q.tool);
  const limit = q.limit ?? DEFAULT_QUERY_LIMIT;
  const out: StoredAuditRecord[] = [];
  /** Call records of executions whose `execution` record has not been read (yet). */
  const unfinished = new Map<string, StoredAuditRecord[]>();
  for await (const r of queryLines(files)) {
    if (r.kind === 'execution' && typeof r.executionId === 'string') unfinished.delete(r.executionId);
    if (q.consumer !== undefined && r.consumer !== q.consumer) continue;
    if (q.executionId !== undefined && r.executionId !== q.executionId) continue;
    if (since !== undefined && !(Date.parse(r.time) >= since)) continue;
    if (r.kind === 'call') {
      if (typeof r.executionId !== 'string' || (tool && !(typeof r.tool === 'string' && tool.test(r.tool)))) continue;
      const calls = unfinished.get(r.executionId);
      if (calls) calls.push(r);
      else unfinished.set(r.executionId, [r]);
      continue;
    }
    let record = r;
    if (tool) {
      const calls = Array.isArray(r.calls) ? (r.calls as Array<{ tool?: unknown }>) : [];
      const matching = calls.filter((c) => typeof c.tool === 'string' && tool.test(c.tool));
      if (matching.length === 0) continue;
      record = { ...r, calls: matching };
    }
    out.push(record);
    if (out.length > limit) out.shift();
  }
  if (unfinished.size === 0) return out;
  const merged = [...out, ...[...unfinished.values()].flat()];
  // ISO 8601 times of one writer sort as strings; the sort is stable, so file order breaks ties.
  return merged.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0)).slice(-limit);
}

/** Every record of the files, in order; lines that are not JSON records are skipped. */
export async function* queryLines(files: string | readonly string[]): AsyncGenerator<StoredAuditRecord> {
  for await (const line of linesOf(files)) {
    const r = parseLine(line);
    if (r) yield r;
  }
}

/** Every line of the files, in order; a file that does not exist is skipped. */
async function* linesOf(files: string | readonly string[]): AsyncGenerator<string> {
  for (const file of typeof files === 'string' ? [files] : files) {
    if (!existsSync(file)) continue;
    yield* createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  }
}

/** The last `n` records, oldest first: read backwards from the end of the last file, then the ones before it. */
export async function tailAudit(files: string | readonly string[], n: number): Promise<StoredAuditRecord[]> {
  const list = typeof files === 'string' ? [files] : files;
  const out: StoredAuditRecord[] = [];
  for (let i = list.length - 1; i >= 0 && out.length < n; i--) out.unshift(...(await tailFile(list[i]!, n - out.length)));
  return out;
}

async function tailFile(file: string, n: number): Promise<StoredAuditRecord[]> {
  if (!existsSync(file) || n <= 0) return [];
  const handle = await open(file, 'r');
  try {
    let position = (await handle.stat()).size;
    let text = '';
    while (position > 0 && text.split('\n').filter((l) => l.trim() !== '').length <= n) {
      const size = Math.min(TAIL_CHUNK_BYTES, position);
      position -= size;
      const buffer = Buffer.alloc(size);
      await handle.read(buffer, 0, size, position);
      text = buffer.toString('latin1') + text; // bytes kept 1:1; decoded as UTF-8 per line below
    }
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    // When the scan stopped mid-file, the first line may be partial: drop it if more than n were read.
    const wanted = lines.slice(-n);
    return wanted.map((l) => parseLine(Buffer.from(l, 'latin1').toString('utf8'))).filter((r): r is StoredAuditRecord => r !== undefined);
  } finally {
    await handle.close();
  }
}
