import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthenticator, wwwAuthenticate } from '../../../src/auth/authenticate.js';
import { KeyStore } from '../../../src/auth/keys.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'tg-auth-'));
  dirs.push(dir);
  const keys = new KeyStore(dir);
  const auth = createAuthenticator({ keys, hasConsumer: (n) => n === 'daily-triage-agent' });
  return { keys, auth };
}

describe('authenticate with API keys', () => {
  it('maps a valid key to its consumer', async () => {
    const { keys, auth } = setup();
    const { id, key } = keys.create('daily-triage-agent');
    expect(await auth.authenticate(`Bearer ${key}`)).toEqual({ ok: true, consumer: 'daily-triage-agent', method: 'api-key', keyId: id });
    expect(await auth.authenticate(`bearer  ${key}`)).toMatchObject({ ok: true });
  });

  it('gives each bad input its own coded reason', async () => {
    const { keys, auth } = setup();
    const revoked = keys.create('daily-triage-agent');
    keys.revoke(revoked.id);
    const orphan = keys.create('removed-consumer');
    const cases: Array<[string | undefined, string, string]> = [
      [undefined, 'TG_UNAUTHENTICATED', 'missing'],
      ['', 'TG_UNAUTHENTICATED', 'missing'],
      ['Basic dXNlcjpwYXNz', 'TG_UNAUTHENTICATED', 'malformed'],
      ['Bearer', 'TG_UNAUTHENTICATED', 'malformed'],
      ['Bearer a b', 'TG_UNAUTHENTICATED', 'malformed'],
      [`Bearer ${'x'.repeat(10_000)}`, 'TG_UNAUTHENTICATED', 'malformed'],
      ['Bearer tg_' + 'A'.repeat(43), 'TG_UNAUTHENTICATED', 'unknown-key'],
      [`Bearer ${revoked.key}`, 'TG_UNAUTHENTICATED', 'revoked-key'],
      ['Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln', 'TG_UNAUTHENTICATED', 'jwt-not-configured'],
      [`Bearer ${orphan.key}`, 'TG_CONSUMER_UNKNOWN', 'unknown-consumer'],
    ];
    for (const [header, code, reason] of cases) {
      expect({ header: header?.slice(0, 40), r: await auth.authenticate(header) }).toMatchObject({ r: { ok: false, code, reason } });
    }
  });

  it('builds WWW-Authenticate values per RFC 6750', async () => {
    const { auth } = setup();
    expect(wwwAuthenticate(await auth.authenticate(undefined))).toBe('Bearer realm="toolgate"');
    expect(wwwAuthenticate(await auth.authenticate('Bearer tg_nope'))).toBe('Bearer realm="toolgate", error="invalid_token", error_description="the API key is not known"');
  });
});
