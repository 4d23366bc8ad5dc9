/**
 * @module src/auth/key-file — the API key store file in the data dir: read leniently, written atomically
 * (temp file, fsync, rename) with mode 0600, so a crash mid-write never leaves a torn or readable-by-all file.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';

export const KEYS_FILE = 'keys.json';

export interface StoredKey {
  readonly id: string;
  readonly consumer: string;
  /** `sha256:<hex>` of the whole key; the key itself is never stored. */
  readonly hash: string;
  readonly created: string;
  readonly revoked?: string;
}

interface KeyFile {
  readonly version: 1;
  readonly keys: readonly StoredKey[];
}

export function keysFilePath(dataDir: string): string {
  return join(dataDir, KEYS_FILE);
}

function isStoredKey(k: unknown): k is StoredKey {
  const r = k as Record<string, unknown>;
  return !!k && typeof r.id === 'string' && typeof r.consumer === 'string' && typeof r.hash === 'string' && /^sha256:[0-9a-f]{64}$/.test(r.hash) && typeof r.created === 'string';
}

export function readKeyFile(file: string): StoredKey[] {
  if (!existsSync(file)) return [];
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<KeyFile>;
  if (!Array.isArray(parsed.keys)) throw new Error(`${file}: expected { "version": 1, "keys": [...] }`);
  return parsed.keys.filter(isStoredKey);
}

export function writeKeyFile(file: string, keys: readonly StoredKey[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify({ version: 1, keys } satisfies KeyFile, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
