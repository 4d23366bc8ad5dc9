import { mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY_PATTERN, hashKey, KeyStore } from '../../../src/auth/keys.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'tg-keys-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('API keys', () => {
  it('creates tg_ keys of 32 random bytes and stores only their sha256 hash', () => {
    const dir = tempDir();
    const store = new KeyStore(dir);
    const { id, key } = store.create('daily-triage-agent', new Date('2026-11-21T03:00:00Z'));
    expect(key).toMatch(API_KEY_PATTERN);
    expect(Buffer.from(key.slice(3), 'base64url')).toHaveLength(32);
    const text = readFileSync(store.file, 'utf8');
    expect(text).not.toContain(key);
    expect(text).not.toContain(key.slice(3, 20));
    expect(JSON.parse(text)).toEqual({ version: 1, keys: [{ id, consumer: 'daily-triage-agent', hash: hashKey(key), created: '2026-11-21T03:00:00.000Z' }] });
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['keys.json']);
  });

  it('verifies a key to its consumer and rejects unknown keys', () => {
    const store = new KeyStore(tempDir());
    const a = store.create('a');
    const b = store.create('b');
    expect(store.verify(a.key)).toEqual({ ok: true, consumer: 'a', keyId: a.id });
    expect(store.verify(b.key)).toEqual({ ok: true, consumer: 'b', keyId: b.id });
    expect(store.verify(a.key.slice(0, -1) + (a.key.endsWith('A') ? 'B' : 'A'))).toEqual({ ok: false, reason: 'unknown-key' });
    expect(store.verify('')).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('reports a revoked key as revoked, also to another store instance reading the same file', () => {
    const dir = tempDir();
    const server = new KeyStore(dir);
    const cli = new KeyStore(dir);
    const { id, key } = cli.create('a');
    expect(server.verify(key).ok).toBe(true);
    cli.revoke(id, new Date('2026-11-21T04:00:00Z'));
    expect(server.verify(key)).toEqual({ ok: false, reason: 'revoked-key' });
    expect(server.list()[0]).toMatchObject({ id, revoked: '2026-11-21T04:00:00.000Z' });
    expect(() => cli.revoke('key_nope')).toThrow('no API key with id key_nope');
  });

  it('accepts hashes listed in config', () => {
    const key = 'tg_' + 'x'.repeat(43);
    const store = new KeyStore(tempDir(), { configHashes: [{ consumer: 'ci', hash: hashKey(key) }] });
    expect(store.verify(key)).toEqual({ ok: true, consumer: 'ci', keyId: 'config:ci[0]' });
  });
});
