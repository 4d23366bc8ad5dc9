/**
 * @module sandbox/typings/options — what a caller can tune in the declarations, with named defaults.
 * Every limit exists to keep what the model reads small and bounded whatever an upstream sends.
 */
import type { Binding } from '../types.js';

/** Levels of object nesting shown, the args object being the first; deeper objects become `Record<string, unknown>`. */
export const DEFAULT_MAX_DEPTH = 6; // object levels
/** Literals of an enum shown before the rest are cut with a count. */
export const DEFAULT_MAX_ENUM_MEMBERS = 20; // literals
/** A tool's description is cut to this, with an ellipsis. */
export const DEFAULT_MAX_DESCRIPTION_CHARS = 600; // characters
/** A property's description is cut to this (it sits on one line). */
export const DEFAULT_MAX_PROPERTY_DESCRIPTION_CHARS = 160; // characters
/** Optional properties shown per object; required ones are always shown. */
export const DEFAULT_MAX_PROPERTIES = 60; // properties per object
/** Schema nodes rendered per tool: stops shared (non-cyclic) `$ref`s from blowing up exponentially. */
export const DEFAULT_MAX_NODES = 1500; // schema nodes per tool
/** Descents into subschemas of any kind (combinators included): a hard guard against deep nesting. */
export const MAX_SCHEMA_HOPS = 48; // recursive steps
/** The one-line summary in 'names' mode. */
export const DEFAULT_MAX_SUMMARY_CHARS = 100; // characters

export type Detail = 'full' | 'names';

export interface DeclarationOptions {
  /** 'full': a function declaration per tool; 'names': one line per tool, name and summary. */
  readonly detail?: Detail;
  /**
   * The bindings of every tool the caller may call (from `bindingsFor` over the whole visible catalog).
   * Tools without a binding are left out. When absent, bindings are computed from the tools given, which
   * is right only when they are the whole set.
   */
  readonly bindings?: readonly Binding[];
  /** Pinned parameters per tool id: removed from the declaration (the host forces them). */
  readonly omitParams?: Readonly<Record<string, readonly string[]>>;
  /** Rewritten descriptions per tool id. */
  readonly descriptions?: Readonly<Record<string, string>>;
  /** Deprecations per tool id or server id: `true` or a reason, shown as `@deprecated`. */
  readonly deprecated?: Readonly<Record<string, true | string>>;
  readonly maxDepth?: number;
  readonly maxEnumMembers?: number;
  readonly maxDescriptionChars?: number;
  readonly maxPropertyDescriptionChars?: number;
  readonly maxProperties?: number;
  readonly maxNodes?: number;
  readonly maxSummaryChars?: number;
}

/** Options with every limit filled in; what the renderers read. */
export interface Limits {
  readonly maxDepth: number;
  readonly maxEnumMembers: number;
  readonly maxDescriptionChars: number;
  readonly maxPropertyDescriptionChars: number;
  readonly maxProperties: number;
  readonly maxNodes: number;
  readonly maxSummaryChars: number;
}

/** A limit from a caller is used only when it is a sane non-negative integer. */
function pick(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;
}

export function limitsOf(options: DeclarationOptions = {}): Limits {
  return {
    maxDepth: pick(options.maxDepth, DEFAULT_MAX_DEPTH),
    maxEnumMembers: pick(options.maxEnumMembers, DEFAULT_MAX_ENUM_MEMBERS),
    maxDescriptionChars: pick(options.maxDescriptionChars, DEFAULT_MAX_DESCRIPTION_CHARS),
    maxPropertyDescriptionChars: pick(options.maxPropertyDescriptionChars, DEFAULT_MAX_PROPERTY_DESCRIPTION_CHARS),
    maxProperties: pick(options.maxProperties, DEFAULT_MAX_PROPERTIES),
    maxNodes: pick(options.maxNodes, DEFAULT_MAX_NODES),
    maxSummaryChars: pick(options.maxSummaryChars, DEFAULT_MAX_SUMMARY_CHARS),
  };
}
