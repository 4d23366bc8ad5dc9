import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier, type JwtVerifier } from '../../../src/auth/jwt.js';
import { createAuthenticator } from '../../../src/auth/authenticate.js';

const ISSUER = 'https://idp.test';
const AUDIENCE = 'toolgate';

let signing: CryptoKey;
let stranger: CryptoKey;
let jwk: JWK;
let server: Server;
let jwksUrl: string;
let jwksRequests = 0;
const dirs: string[] = [];

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  signing = pair.privateKey;
  stranger = (await generateKeyPair('ES256')).privateKey;
  jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  server = createServer((_req, res) => {
    jwksRequests += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function token(claims: Record<string, unknown>, opts: { key?: CryptoKey; exp?: number | string; iss?: string; aud?: string; kid?: string } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: opts.kid ?? 'k1' })
    .setIssuer(opts.iss ?? ISSUER)
    .setAudience(opts.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '5m')
    .sign(opts.key ?? signing);
}

describe('JWT bearer tokens against a JWKS served on 127.0.0.1', () => {
  let verifier: JwtVerifier;
  beforeAll(() => {
    verifier = createJwtVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE, consumerClaim: 'toolgate_consumer' });
  });

  it('maps the configured claim to the consumer', async () => {
    const r = await verifier.verify(await token({ sub: 'user-1', toolgate_consumer: 'daily-triage-agent' }));
    expect(r).toMatchObject({ ok: true, consumer: 'daily-triage-agent', claims: { sub: 'user-1' } });
    expect(jwksRequests).toBeGreaterThanOrEqual(1);
  });

  it('rejects an expired token', async () => {
    const r = await verifier.verify(await token({ toolgate_consumer: 'a' }, { exp: Math.floor(Date.now() / 1000) - 60 }));
    expect(r).toEqual({ ok: false, reason: 'expired-jwt', message: 'the token has expired' });
  });

  it('rejects a token signed by another key under the trusted kid', async () => {
    const r = await verifier.verify(await token({ toolgate_consumer: 'a' }, { key: stranger }));
    expect(r).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a tampered payload', async () => {
    const [h, , s] = (await token({ toolgate_consumer: 'a' })).split('.');
    const forged = Buffer.from(JSON.stringify({ toolgate_consumer: 'admin', iss: ISSUER, aud: AUDIENCE, exp: 9_999_999_999 })).toString('base64url');
    expect(await verifier.verify(`${h}.${forged}.${s}`)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a wrong issuer or audience', async () => {
    expect(await verifier.verify(await token({ toolgate_consumer: 'a' }, { iss: 'https://evil.test' }))).toMatchObject({ ok: false, reason: 'invalid-claims' });
    expect(await verifier.verify(await token({ toolgate_consumer: 'a' }, { aud: 'other' }))).toMatchObject({ ok: false, reason: 'invalid-claims' });
  });

  it('rejects an unknown kid and a token without the consumer claim', async () => {
    expect(await verifier.verify(await token({ toolgate_consumer: 'a' }, { kid: 'k9' }))).toMatchObject({ ok: false, reason: 'unknown-signing-key' });
    expect(await verifier.verify(await token({ sub: 'x' }))).toMatchObject({ ok: false, reason: 'no-consumer-claim' });
  });

  it('rejects an unsigned (alg none) token', async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ toolgate_consumer: 'a', iss: ISSUER, aud: AUDIENCE, exp: 9_999_999_999 })).toString('base64url')}.`;
    expect((await verifier.verify(none)).ok).toBe(false);
  });
});

describe('JWT with a local JWKS file', () => {
  it('verifies against the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-jwks-'));
    dirs.push(dir);
    const file = join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [jwk] }));
    const verifier = createJwtVerifier({ jwksFile: file, issuer: ISSUER, audience: AUDIENCE });
    expect(await verifier.verify(await token({ sub: 'daily-triage-agent' }))).toMatchObject({ ok: true, consumer: 'daily-triage-agent' });
  });
});

describe('JWT configuration errors', () => {
  it('names the config path when the JWKS source is missing or unreadable', () => {
    expect(() => createJwtVerifier({ issuer: ISSUER, audience: AUDIENCE })).toThrow('auth.jwt: needs jwksUrl or jwksFile');
    expect(() => createJwtVerifier({ jwksFile: '/nonexistent/jwks.json', issuer: ISSUER, audience: AUDIENCE })).toThrow(
      expect.objectContaining({ code: 'TG_CONFIG_INVALID', message: expect.stringContaining('auth.jwt.jwksFile: cannot read a JWKS from /nonexistent/jwks.json') }),
    );
  });
});

describe('authenticate with JWTs', () => {
  it('maps a valid token to a configured consumer, and an unconfigured one to TG_CONSUMER_UNKNOWN', async () => {
    const auth = createAuthenticator({ jwt: createJwtVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE }), hasConsumer: (n) => n === 'daily-triage-agent' });
    expect(await auth.authenticate(`Bearer ${await token({ sub: 'daily-triage-agent' })}`)).toEqual({ ok: true, consumer: 'daily-triage-agent', method: 'jwt' });
    expect(await auth.authenticate(`Bearer ${await token({ sub: 'ghost' })}`)).toMatchObject({ ok: false, code: 'TG_CONSUMER_UNKNOWN', reason: 'unknown-consumer' });
    expect(await auth.authenticate(`Bearer ${await token({ sub: 'daily-triage-agent' }, { exp: Math.floor(Date.now() / 1000) - 60 })}`)).toMatchObject({
      ok: false, code: 'TG_UNAUTHENTICATED', reason: 'expired-jwt',
    });
    expect(await auth.authenticate(`Bearer ${await token({ sub: 'daily-triage-agent' }, { key: stranger })}`)).toMatchObject({
      ok: false, code: 'TG_UNAUTHENTICATED', reason: 'bad-signature',
    });
  });
});
