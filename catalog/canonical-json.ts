/**
 * @module catalog/canonical-json — JSON with object keys sorted at every depth, so equal values hash equally
 * whatever order an upstream happens to serialise its schemas in.
 */

/** Serialises `value` as JSON with sorted keys; `undefined` properties are dropped, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) sorted[key] = sortKeys(child);
  }
  return sorted;
}
