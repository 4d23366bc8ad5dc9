/**
 * @module src/redact/redact — masks secrets, e-mail addresses and card numbers in JSON values, deeply, before
 * results enter the sandbox (and in audited arguments). Patterns compile once; the input is never mutated.
 */
import { BUILTIN_PATTERNS, SECRET_KEYS, type RedactPattern } from './patterns.js';

export type BuiltinKind = keyof typeof BUILTIN_PATTERNS;

export interface RedactOptions {
  /** Built-in kinds to apply; default all: secret, email, card. */
  readonly kinds?: readonly BuiltinKind[];
  /** Extra patterns from config: `{ kind: 'employee-id', pattern: 'EMP-\\d{6}' }`. */
  readonly patterns?: ReadonlyArray<{ readonly kind: string; readonly pattern: string | RegExp }>;
  /** Object keys whose string values are masked as `secret` whatever they hold; default SECRET_KEYS. */
  readonly secretKeys?: readonly string[];
}

export interface RedactResult<T = unknown> {
  readonly value: T;
  /** Masked values by kind, e.g. `{ email: 2, card: 1 }`; empty when nothing matched. */
  readonly counts: Readonly<Record<string, number>>;
  readonly total: number;
}

export type Redactor = <T>(value: T) => RedactResult<T>;

/** Deeper than this, values are kept as they are: JSON from upstreams is not that deep in practice. */
export const MAX_REDACT_DEPTH = 64;

export function mask(kind: string): string {
  return `[REDACTED:${kind}]`;
}

export function createRedactor(options: RedactOptions = {}): Redactor {
  const kinds = options.kinds ?? (Object.keys(BUILTIN_PATTERNS) as BuiltinKind[]);
  const patterns: RedactPattern[] = [
    ...kinds.flatMap((k) => BUILTIN_PATTERNS[k]),
    ...(options.patterns ?? []).map((p) => ({
      kind: p.kind,
      re: typeof p.pattern === 'string' ? new RegExp(p.pattern, 'g') : new RegExp(p.pattern.source, p.pattern.flags.includes('g') ? p.pattern.flags : `${p.pattern.flags}g`),
    })),
  ];
  const secretKeys = new Set((options.secretKeys ?? SECRET_KEYS).map((k) => k.toLowerCase()));

  return function redact<T>(value: T): RedactResult<T> {
    const counts: Record<string, number> = {};
    let total = 0;
    const bump = (kind: string) => {
      counts[kind] = (counts[kind] ?? 0) + 1;
      total += 1;
    };

    function redactString(text: string): string {
      let out = text;
      for (const p of patterns) {
        p.re.lastIndex = 0;
        if (!p.re.test(out)) continue;
        p.re.lastIndex = 0;
        out = out.replace(p.re, (m) => {
          if (p.check && !p.check(m)) return m;
          bump(p.kind);
          return mask(p.kind);
        });
      }
      return out;
    }

    function walk(v: unknown, depth: number): unknown {
      if (typeof v === 'string') return redactString(v);
      if (v === null || typeof v !== 'object' || depth >= MAX_REDACT_DEPTH) return v;
      if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
      const out: Record<string, unknown> = {};
      // MCP image/audio content and blob resources carry base64 next to a mimeType: not text, not scanned.
      const binary = typeof (v as Record<string, unknown>).mimeType === 'string';
      for (const [k, x] of Object.entries(v)) {
        if (binary && (k === 'data' || k === 'blob')) out[k] = x;
        else if (typeof x === 'string' && x !== '' && secretKeys.has(k.toLowerCase())) {
          bump('secret');
          out[k] = mask('secret');
        } else out[k] = walk(x, depth + 1);
      }
      return out;
    }

    return { value: walk(value, 0) as T, counts, total };
  };
}
