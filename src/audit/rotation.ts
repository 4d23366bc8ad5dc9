/**
 * @module src/audit/rotation — the audit log's files on disk: the live `audit.jsonl` and the rotated
 * `audit-<UTC time>.jsonl` files before it. A rotated name sorts in the order the files were written, so
 * readers go through them oldest first; pruning (opt-in) removes the oldest beyond a count.
 */
import { existsSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_FILE } from './types.js';

const ROTATED = /^audit-\d{8}T\d{9}Z(?:-\d+)?\.jsonl$/;

/** `audit-20261121T054000123Z.jsonl`, with `-2`, `-3` … when that name is taken (two rotations in one ms). */
export function rotatedName(dataDir: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  const base = `audit-${stamp}`;
  let name = `${base}.jsonl`;
  for (let n = 2; existsSync(join(dataDir, name)); n++) name = `${base}-${n}.jsonl`;
  return name;
}

/** Rotated files, oldest first (names only). */
export function rotatedFiles(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir)
    .filter((name) => ROTATED.test(name))
    .sort(byWriteOrder);
}

/** Every audit file, oldest first, the live one last (paths; the live one only when it exists). */
export function auditFiles(dataDir: string): string[] {
  const live = join(dataDir, AUDIT_FILE);
  return [...rotatedFiles(dataDir).map((name) => join(dataDir, name)), ...(existsSync(live) ? [live] : [])];
}

/** Deletes the oldest rotated files beyond `keep` (0 keeps all); returns the names deleted. */
export function pruneRotated(dataDir: string, keep: number): string[] {
  if (keep <= 0) return [];
  const files = rotatedFiles(dataDir);
  const doomed = files.slice(0, Math.max(0, files.length - keep));
  for (const name of doomed) unlinkSync(join(dataDir, name));
  return doomed;
}

/** Same stamp: the plain name first, then -2, -3 … numerically. */
function byWriteOrder(a: string, b: string): number {
  const [stampA, nA] = parts(a);
  const [stampB, nB] = parts(b);
  return stampA < stampB ? -1 : stampA > stampB ? 1 : nA - nB;
}

function parts(name: string): [string, number] {
  const match = /^audit-(\w+?)(?:-(\d+))?\.jsonl$/.exec(name);
  return [match?.[1] ?? name, Number(match?.[2] ?? 1)];
}
