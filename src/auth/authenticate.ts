/**
 * @module src/auth/authenticate — from an `Authorization` header to a consumer name or a coded error.
 *
 * `Bearer tg_…` is an API key; a three-part dotted token is a JWT; anything else is tried as an API key
 * (config may hold hashes of keys in another format). Failures are TG_UNAUTHENTICATED (401, with a
 * WWW-Authenticate value) except credentials that are valid but name no configured consumer:
 * TG_CONSUMER_UNKNOWN (403).
 */
import type { KeyStore } from './keys.js';
import type { JwtFailure, JwtVerifier } from './jwt.js';

export type AuthFailure = 'missing' | 'malformed' | 'unknown-key' | 'revoked-key' | 'jwt-not-configured' | JwtFailure | 'unknown-consumer';

export type AuthResult =
  | { readonly ok: true; readonly consumer: string; readonly method: 'api-key' | 'jwt'; readonly keyId?: string }
  | { readonly ok: false; readonly code: 'TG_UNAUTHENTICATED' | 'TG_CONSUMER_UNKNOWN'; readonly reason: AuthFailure; readonly message: string };

export interface AuthenticatorOptions {
  readonly keys?: KeyStore;
  readonly jwt?: JwtVerifier;
  /** Whether a consumer name is configured. */
  readonly hasConsumer: (name: string) => boolean;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_TOKEN_CHARS = 8_192; // longer bearer values are rejected before any parsing

function unauthenticated(reason: AuthFailure, message: string): AuthResult {
  return { ok: false, code: 'TG_UNAUTHENTICATED', reason, message };
}

function known(consumer: string, hasConsumer: (n: string) => boolean, ok: AuthResult): AuthResult {
  if (hasConsumer(consumer)) return ok;
  return { ok: false, code: 'TG_CONSUMER_UNKNOWN', reason: 'unknown-consumer', message: `the credentials name consumer "${consumer}", which is not configured` };
}

export function createAuthenticator(options: AuthenticatorOptions): { authenticate(header: string | undefined): Promise<AuthResult> } {
  return {
    async authenticate(header) {
      if (header === undefined || header.trim() === '') return unauthenticated('missing', 'no Authorization header');
      const m = /^Bearer +(\S+)\s*$/i.exec(header);
      if (!m || m[1]!.length > MAX_TOKEN_CHARS) return unauthenticated('malformed', 'expected Authorization: Bearer <api key or JWT>');
      const token = m[1]!;
      if (!token.startsWith('tg_') && JWT_SHAPE.test(token)) {
        if (!options.jwt) return unauthenticated('jwt-not-configured', 'JWT bearer tokens are not accepted here; use an API key');
        const r = await options.jwt.verify(token);
        if (!r.ok) return unauthenticated(r.reason, r.message);
        return known(r.consumer, options.hasConsumer, { ok: true, consumer: r.consumer, method: 'jwt' });
      }
      if (!options.keys) return unauthenticated('unknown-key', 'API keys are not accepted here');
      const r = options.keys.verify(token);
      if (!r.ok) return unauthenticated(r.reason, r.reason === 'revoked-key' ? 'the API key was revoked' : 'the API key is not known');
      return known(r.consumer, options.hasConsumer, { ok: true, consumer: r.consumer, method: 'api-key', keyId: r.keyId });
    },
  };
}

/** The `WWW-Authenticate` value for a 401 (RFC 6750 §3: no error code when no credentials were sent). */
export function wwwAuthenticate(result: AuthResult, realm = 'toolgate'): string {
  if (result.ok || result.reason === 'missing') return `Bearer realm="${realm}"`;
  const description = result.message.replace(/["\\]/g, "'");
  return `Bearer realm="${realm}", error="invalid_token", error_description="${description}"`;
}
