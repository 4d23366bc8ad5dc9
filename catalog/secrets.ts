/**
 * @module catalog/secrets — secrets are referenced in config, never inlined: `env:NAME` or `file:/path`.
 * References are resolved when used (at connect time), so a rotated secret is picked up on reconnect,
 * and resolved values are never logged.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const SECRET_REF_PATTERN = /^(env:[A-Za-z_][A-Za-z0-9_]*|file:\/.+)$/;

/** A config value that must be a secret reference. */
export const SecretRefSchema = z
  .string()
  .regex(SECRET_REF_PATTERN, 'expected a secret reference: env:NAME or file:/absolute/path (secrets are never inlined)');

/**
 * A config value that may be a literal, a secret reference, or a literal with embedded references
 * (`Bearer ${env:API_TOKEN}`): header values usually need a scheme in front of the secret.
 */
export const ValueOrSecretSchema = z.string();

/** `${env:NAME}` or `${file:/path}` inside a longer value. */
const EMBEDDED_REF_PATTERN = /\$\{(env:[A-Za-z_][A-Za-z0-9_]*|file:\/[^}]+)\}/g;

/**
 * Header and environment-variable names whose values are credentials: such a value must be a reference,
 * whole (`env:NAME`, `file:/path`) or embedded after a scheme (`Bearer ${env:NAME}`), never a literal.
 * Case-insensitive: Authorization, Proxy-Authorization, Cookie, Set-Cookie, and any name containing secret,
 * password, passwd, passphrase, apikey/api_key/api-key, credential or session id; `token`, `key`, `pat`,
 * `auth` and `oauth` only as a segment of their own (GITHUB_TOKEN, X-API-Key, accessKey, GITHUB_PAT,
 * BASIC_AUTH), so KEYCLOAK_URL, MONKEY, GIT_AUTHOR_NAME, SESSION_TIMEOUT or TOKENIZERS_PARALLELISM stay
 * literals. A name that ends in a segment naming where a secret is, not the secret (`_PATH`, `_FILE`,
 * `_URL`, `_ID` except a session or key id: SSH_KEY_PATH, OAUTH_CLIENT_ID), is literal too; MAX_TOKENS
 * counts, it holds no token.
 * Matched against the name with camelCase humps split by `_` (see isSensitiveName).
 */
export const SENSITIVE_NAME_PATTERN =
  /^(?:proxy-)?authorization$|^(?:set-)?cookie$|secret|passw(?:or)?d|passphrase|api[-_]?key|credential|session[-_.]?id|(?:^|[-_.\s])(?:token|key|pat|o?auth)(?:[-_.\s]|$)/i;

/** Names that say where a secret is or how many there are, not what it is: their values stay literal. */
export const NOT_A_SECRET_NAME_PATTERN = /[-_.](?:path|file|url|uri|dir)$|(?<!session|key)[-_.]id$|(?:^|[-_.])max[-_.]?tokens$/i;

export const INLINE_SECRET_MESSAGE = 'secret values must be referenced (env:NAME or file:/path), not written inline';

/** True for a header or environment name whose value must be a secret reference (SENSITIVE_NAME_PATTERN). */
export function isSensitiveName(name: string): boolean {
  const split = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  return SENSITIVE_NAME_PATTERN.test(split) && !NOT_A_SECRET_NAME_PATTERN.test(split);
}

/** True when the value is a reference or embeds at least one (`Bearer ${env:API_TOKEN}`). */
export function isSecretReference(value: string): boolean {
  return SECRET_REF_PATTERN.test(value) || value.search(EMBEDDED_REF_PATTERN) >= 0;
}

/**
 * Headers or a child's environment: literals are fine (`Accept: application/json`, `LOG_LEVEL: debug`),
 * but an entry whose name is sensitive must reference its value, so a credential never sits in the config.
 */
export const NamedValuesSchema = z.record(z.string(), ValueOrSecretSchema).superRefine(function noInlineSecrets(values, ctx) {
  for (const [name, value] of Object.entries(values)) {
    if (isSensitiveName(name) && !isSecretReference(value)) ctx.addIssue({ code: 'custom', path: [name], message: INLINE_SECRET_MESSAGE });
  }
});

export class SecretError extends Error {
  override readonly name = 'SecretError';
}

/**
 * Resolves `env:NAME` or `file:/path` (the whole value), or each embedded `${env:NAME}` / `${file:/path}`;
 * any other string is returned as the literal it is.
 */
export function resolveSecret(value: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!SECRET_REF_PATTERN.test(value)) return value.replace(EMBEDDED_REF_PATTERN, (_, ref: string) => resolveSecret(ref, env));
  if (value.startsWith('env:')) {
    const name = value.slice(4);
    const resolved = env[name];
    if (resolved === undefined) throw new SecretError(`environment variable ${name} is not set`);
    return resolved;
  }
  if (value.startsWith('file:')) {
    const path = value.slice(5);
    try {
      return readFileSync(path, 'utf8').trim();
    } catch (error) {
      throw new SecretError(`cannot read secret file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  return value;
}

/** Resolves every value of a record (headers, environment). */
export function resolveSecrets(values: Readonly<Record<string, string>>, env?: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, resolveSecret(value, env)]));
}

/** The resolved secret parts of `values` (not the literals around them), for masking diagnostics. */
export function secretValues(values: Readonly<Record<string, string>>, env?: NodeJS.ProcessEnv): string[] {
  const refs = Object.values(values).flatMap((value) =>
    SECRET_REF_PATTERN.test(value) ? [value] : [...value.matchAll(EMBEDDED_REF_PATTERN)].map((match) => match[1] ?? ''),
  );
  return refs.filter((ref) => ref !== '').map((ref) => resolveSecret(ref, env));
}
