/**
 * @module src/policy/pin — pinned parameters (`overrideParams`): forced on the host, whatever the code passes.
 *
 * `applyPins` returns new arguments (the caller's object is never mutated) and the names of pinned
 * parameters the code tried to pass with a different value, so the pipeline can audit the attempt.
 * `stripPinned` removes pinned parameters from a tool's inputSchema for the generated declaration.
 */
import { isDeepStrictEqual } from 'node:util';
import type { JsonSchema } from '../../catalog/types.js';

export interface PinResult {
  readonly args: Record<string, unknown>;
  /** Pinned names the code passed with another value; its value was ignored. */
  readonly overridden: readonly string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function applyPins(args: unknown, pinned: Readonly<Record<string, unknown>> | undefined): PinResult {
  const base = isRecord(args) ? args : {};
  if (!pinned) return { args: base, overridden: [] };
  const overridden: string[] = [];
  const out: Record<string, unknown> = { ...base };
  for (const [name, value] of Object.entries(pinned)) {
    if (Object.hasOwn(base, name) && !isDeepStrictEqual(base[name], value)) overridden.push(name);
    // structuredClone: the pinned value is frozen config; the upstream call gets its own copy.
    out[name] = structuredClone(value);
  }
  return { args: out, overridden };
}

/** The inputSchema without the pinned properties (and without them in `required`), for declarations. */
export function stripPinned(schema: JsonSchema, pinned: Readonly<Record<string, unknown>> | undefined): JsonSchema {
  if (!pinned || !isRecord(schema.properties)) return schema;
  const names = new Set(Object.keys(pinned));
  const properties = Object.fromEntries(Object.entries(schema.properties).filter(([k]) => !names.has(k)));
  const out: JsonSchema = { ...schema, properties };
  if (Array.isArray(schema.required)) out.required = schema.required.filter((r) => !names.has(String(r)));
  return out;
}
