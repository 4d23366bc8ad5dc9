/**
 * @module src/redact/patterns — the built-in patterns: secrets and API tokens, e-mail addresses, card numbers.
 * Each is a global RegExp compiled once at load; `check` lets a pattern reject a match (cards need Luhn).
 */

export interface RedactPattern {
  readonly kind: string;
  readonly re: RegExp;
  /** Return false to keep a match (e.g. a digit run that fails the Luhn check). */
  readonly check?: (match: string) => boolean;
}

/** Luhn checksum over the digits of `text` (spaces and dashes ignored). */
export function luhnValid(text: string): boolean {
  const digits = text.replace(/[ -]/g, '');
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const SECRET_SOURCES = [
  String.raw`-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----`, // PEM private keys
  String.raw`\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}`, // JWTs
  String.raw`\b(?:sk|rk)[-_](?:[A-Za-z0-9]+[-_])?[A-Za-z0-9_-]{20,}`, // OpenAI, Anthropic, Stripe secret keys
  String.raw`\bgh[pousr]_[A-Za-z0-9]{36,}`, // GitHub tokens
  String.raw`\bgithub_pat_[A-Za-z0-9_]{40,}`, // GitHub fine-grained tokens
  String.raw`\bxox[abposr]-[A-Za-z0-9-]{10,}`, // Slack tokens
  String.raw`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`, // AWS access key ids
  String.raw`\bAIza[0-9A-Za-z_-]{35}`, // Google API keys
  String.raw`\btg_[A-Za-z0-9_-]{43}`, // Toolgate API keys
  String.raw`\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*`, // bearer credentials in echoed headers
];

export const BUILTIN_PATTERNS: Readonly<Record<'secret' | 'email' | 'card', readonly RedactPattern[]>> = {
  secret: SECRET_SOURCES.map((source) => ({ kind: 'secret', re: new RegExp(source, 'g') })),
  email: [{ kind: 'email', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g }],
  // Card networks' numbers start with 2-6 (Mastercard 2-series, Amex/Diners/JCB 3, Visa 4, Mastercard 5,
  // Discover/UnionPay 6); requiring that keeps ms timestamps and most ids (1…, 7…, 8…, 9…) out.
  card: [{ kind: 'card', re: /(?<![\d-])[2-6](?:[ -]?\d){12,18}(?![\d-])/g, check: luhnValid }],
};

/** Object keys whose string values are secrets whatever they look like (compared lower-case). */
export const SECRET_KEYS: readonly string[] = [
  'password', 'passwd', 'secret', 'client_secret', 'api_key', 'apikey', 'authorization', 'access_token', 'refresh_token', 'private_key',
];
