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
