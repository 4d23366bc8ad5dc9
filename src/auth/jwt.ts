/**
 * @module src/auth/jwt — JWT bearer tokens validated with jose against a JWKS (remote URL or local file):
 * signature, issuer, audience and expiry; one claim names the consumer. Only asymmetric algorithms are
 * accepted, so a token signed with a public key as an HMAC secret cannot pass.
 */
import { readFileSync } from 'node:fs';
import { ToolgateError } from '../errors.js';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';

export const JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
export const JWT_CLOCK_TOLERANCE_S = 5; // seconds of clock skew accepted on exp/nbf
export const JWKS_TIMEOUT_MS = 5_000; // fetching a remote JWKS
export const JWKS_COOLDOWN_MS = 30_000; // least time between refetches when an unknown kid appears

export interface JwtConfig {
  readonly jwksUrl?: string;
  readonly jwksFile?: string;
  readonly issuer: string;
  readonly audience: string;
  /** The claim whose value names the consumer; default `sub`. */
  readonly consumerClaim?: string;
}

export type JwtFailure = 'expired-jwt' | 'bad-signature' | 'invalid-claims' | 'unknown-signing-key' | 'malformed' | 'jwks-unavailable' | 'no-consumer-claim';

export type JwtCheck =
  | { readonly ok: true; readonly consumer: string; readonly claims: JWTPayload }
  | { readonly ok: false; readonly reason: JwtFailure; readonly message: string };

export interface JwtVerifier {
  verify(token: string): Promise<JwtCheck>;
}

function keySet(config: JwtConfig): JWTVerifyGetKey {
  if (config.jwksFile) {
    try {
      return createLocalJWKSet(JSON.parse(readFileSync(config.jwksFile, 'utf8')) as JSONWebKeySet);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      throw new ToolgateError('TG_CONFIG_INVALID', `auth.jwt.jwksFile: cannot read a JWKS from ${config.jwksFile}: ${detail}`, { path: 'auth.jwt.jwksFile' });
    }
  }
  if (config.jwksUrl) return createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: JWKS_TIMEOUT_MS, cooldownDuration: JWKS_COOLDOWN_MS });
  throw new ToolgateError('TG_CONFIG_INVALID', 'auth.jwt: needs jwksUrl or jwksFile', { path: 'auth.jwt' });
}

function failure(e: unknown): JwtCheck {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return { ok: false, reason: 'expired-jwt', message: 'the token has expired' };
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return { ok: false, reason: 'bad-signature', message: 'the token signature does not verify' };
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return { ok: false, reason: 'invalid-claims', message: `the token's claims are not accepted: ${message}` };
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return { ok: false, reason: 'unknown-signing-key', message: 'the token is not signed by a key the gateway trusts' };
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return { ok: false, reason: 'jwks-unavailable', message: 'the signing keys could not be fetched' };
    default:
      // Fetch failures of a remote JWKS surface as plain errors; malformed tokens as ERR_JWS/JWT_INVALID.
      if (code === 'ERR_JWS_INVALID' || code === 'ERR_JWT_INVALID') return { ok: false, reason: 'malformed', message: 'the token is not a well-formed JWT' };
      return { ok: false, reason: 'jwks-unavailable', message: `the token could not be verified: ${message}` };
  }
}

export function createJwtVerifier(config: JwtConfig): JwtVerifier {
  const keys = keySet(config);
  const claim = config.consumerClaim ?? 'sub';
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: config.issuer,
          audience: config.audience,
          algorithms: JWT_ALGORITHMS,
          clockTolerance: JWT_CLOCK_TOLERANCE_S,
          requiredClaims: ['exp'],
        });
        const consumer = payload[claim];
        if (typeof consumer !== 'string' || consumer === '') {
          return { ok: false, reason: 'no-consumer-claim', message: `the token has no "${claim}" claim naming a consumer` };
        }
        return { ok: true, consumer, claims: payload };
      } catch (e) {
        return failure(e);
      }
    },
  };
}
