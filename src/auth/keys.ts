/**
 * @module src/auth/keys — API keys: `tg_` + 32 random bytes (base64url), stored only as sha256 hashes.
 *
 * `verify` hashes the presented key and compares it with every stored hash in constant time (no early
 * exit), so response timing says nothing about which keys exist. The store re-reads its file when it
 * changes on disk, so `toolgate keys revoke` takes effect in a running gateway at its next request.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { statSync } from 'node:fs';
import { keysFilePath, readKeyFile, writeKeyFile, type StoredKey } from './key-file.js';

export const API_KEY_PREFIX = 'tg_';
const KEY_BYTES = 32; // entropy of a key: 256 bits
export const API_KEY_PATTERN = /^tg_[A-Za-z0-9_-]{43}$/;

export type KeyCheck =
  | { readonly ok: true; readonly consumer: string; readonly keyId: string }
  | { readonly ok: false; readonly reason: 'unknown-key' | 'revoked-key' };

export function hashKey(key: string): string {
  return `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

export function generateKey(): string {
  return API_KEY_PREFIX + randomBytes(KEY_BYTES).toString('base64url');
}

interface Entry {
  readonly key: StoredKey;
  readonly digest: Buffer;
}

export interface KeyStoreOptions {
  /** Hashes from config (`consumers[].apiKeyHashes`), checked like stored keys. */
  readonly configHashes?: ReadonlyArray<{ readonly consumer: string; readonly hash: string }>;
}

export class KeyStore {
  readonly file: string;
  #keys: StoredKey[] = [];
  #entries: Entry[] = [];
  #stamp = '';
  readonly #config: Entry[];

  constructor(dataDir: string, options: KeyStoreOptions = {}) {
    this.file = keysFilePath(dataDir);
    this.#config = (options.configHashes ?? []).map(({ consumer, hash }, i) => ({
      key: { id: `config:${consumer}[${i}]`, consumer, hash, created: '' },
      digest: Buffer.from(hash.slice('sha256:'.length), 'hex'),
    }));
    this.#reloadIfChanged();
  }

  #reloadIfChanged(): void {
    let stamp = 'absent';
    try {
      const s = statSync(this.file);
      stamp = `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      // no file yet: no stored keys
    }
    if (stamp === this.#stamp) return;
    this.#stamp = stamp;
    this.#keys = stamp === 'absent' ? [] : readKeyFile(this.file);
    this.#entries = this.#keys.map((key) => ({ key, digest: Buffer.from(key.hash.slice('sha256:'.length), 'hex') }));
  }

  #save(keys: StoredKey[]): void {
    writeKeyFile(this.file, keys);
    this.#stamp = '';
    this.#reloadIfChanged();
  }

  list(): readonly StoredKey[] {
    this.#reloadIfChanged();
    return this.#keys;
  }

  /** Creates a key for `consumer`; the returned key is shown once and never stored. */
  create(consumer: string, now = new Date()): { id: string; key: string } {
    this.#reloadIfChanged();
    const key = generateKey();
    const id = `key_${randomBytes(6).toString('hex')}`;
    this.#save([...this.#keys, { id, consumer, hash: hashKey(key), created: now.toISOString() }]);
    return { id, key };
  }

  /** Marks a key revoked (kept, so a revoked key is reported as such); throws for an unknown id. */
  revoke(id: string, now = new Date()): StoredKey {
    this.#reloadIfChanged();
    const found = this.#keys.find((k) => k.id === id);
    if (!found) throw new Error(`no API key with id ${id}`);
    if (found.revoked) return found;
    const revoked = { ...found, revoked: now.toISOString() };
    this.#save(this.#keys.map((k) => (k.id === id ? revoked : k)));
    return revoked;
  }

  verify(key: string): KeyCheck {
    this.#reloadIfChanged();
    const digest = createHash('sha256').update(key).digest();
    let match: StoredKey | undefined;
    for (const e of [...this.#entries, ...this.#config]) {
      // Every entry is compared; the match is remembered, not returned early.
      if (e.digest.length === digest.length && timingSafeEqual(e.digest, digest) && !match) match = e.key;
    }
    if (!match) return { ok: false, reason: 'unknown-key' };
    if (match.revoked) return { ok: false, reason: 'revoked-key' };
    return { ok: true, consumer: match.consumer, keyId: match.id };
  }
}
