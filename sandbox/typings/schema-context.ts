/**
 * @module sandbox/typings/schema-context — the state of one schema's rendering: the root that local
 * `$ref`s resolve against, the refs being expanded (cycle guard), the node count (size guard), and the
 * small result shape the renderers pass around.
 */
import type { Limits } from './options.js';
import { commentSafe, truncate } from './text.js';

/** Characters of a `$ref` quoted in a guard comment. */
const MAX_REF_CHARS_IN_COMMENT = 80; // characters

/** Binding strength of a rendered type, so `A | B` is wrapped before `[]` or `&`. */
export const Prec = { Union: 0, Intersection: 1, Atom: 2 } as const;
export type Prec = (typeof Prec)[keyof typeof Prec];

export interface Rendered {
  readonly text: string;
  readonly prec: Prec;
}

/** What a caller may want to know about a rendering after the fact. */
export interface RenderStats {
  /** Some of the schema was left out because it reached `maxNodes`. */
  sizeCut: boolean;
  /** Schema nodes rendered, input and output together (optional: for measurements). */
  nodes?: number;
}

export interface SchemaContext {
  readonly root: unknown;
  readonly stats: RenderStats;
  readonly limits: Limits;
  /** Refs being expanded right now, outermost first. */
  readonly refStack: string[];
  /** Schema nodes rendered so far (all of this schema). */
  nodes: number;
}

export function newContext(root: unknown, limits: Limits, stats: RenderStats = { sizeCut: false }): SchemaContext {
  return { root, limits, stats, refStack: [], nodes: 0 };
}

export function atom(text: string): Rendered {
  return { text, prec: Prec.Atom };
}

/** `unknown` with a comment saying why the type is not shown. */
export function unknownBecause(reason: string): Rendered {
  return atom(`unknown /* ${commentSafe(reason)} */`);
}

/** `unknown`, with or without a comment saying why. */
export function isUnknown(rendered: Rendered): boolean {
  return rendered.text === 'unknown' || rendered.text.startsWith('unknown /*');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property only: a hostile key such as `__proto__` must never reach the prototype. */
export function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function quoteRef(ref: string): string {
  return truncate(ref, MAX_REF_CHARS_IN_COMMENT);
}

/**
 * Resolves a local `$ref` (`#`, `#/$defs/X`, `#/definitions/X`, any local JSON pointer) against the
 * root. Returns `undefined` for remote refs, anchors and pointers that lead nowhere.
 */
export function resolveRef(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    let token: string;
    try {
      token = decodeURIComponent(raw);
    } catch {
      token = raw;
    }
    token = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(token)) node = node[Number(token)];
    else if (isRecord(node)) node = own(node, token);
    else return undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/** `A | B`, duplicates dropped; a single part comes back as it is. */
export function unionOf(parts: readonly Rendered[]): Rendered {
  const unique = dedupe(parts);
  return unique.length === 1 ? unique[0]! : { text: unique.map((p) => p.text).join(' | '), prec: Prec.Union };
}

/** `A & B`, unions wrapped in parentheses, duplicates dropped. */
export function intersectionOf(parts: readonly Rendered[]): Rendered {
  const unique = dedupe(parts);
  if (unique.length === 1) return unique[0]!;
  const text = unique.map((p) => (p.prec < Prec.Intersection ? `(${p.text})` : p.text)).join(' & ');
  return { text, prec: Prec.Intersection };
}

/** `T[]`, with `T` wrapped when it binds looser than `[]`. */
export function arrayOf(item: Rendered): Rendered {
  return atom(item.prec < Prec.Atom ? `(${item.text})[]` : `${item.text}[]`);
}

function dedupe(parts: readonly Rendered[]): Rendered[] {
  const seen = new Set<string>();
  return parts.filter((p) => !seen.has(p.text) && seen.add(p.text) !== undefined);
}
