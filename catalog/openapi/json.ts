/**
 * @module catalog/openapi/json — lenient readers for untyped spec JSON: specs are upstream payloads,
 * so every field is checked before use instead of trusting a declared shape.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` when it is an object, else an empty one. */
export function obj(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

/** `value` when it is an array, else an empty one. */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `value` when it is a non-empty string. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
