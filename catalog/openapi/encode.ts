/**
 * @module catalog/openapi/encode — argument values to wire strings: query pairs (arrays as repeated keys
 * unless the spec says comma-joined; objects in deepObject brackets, as Stripe expects) and
 * `application/x-www-form-urlencoded` bodies (nested objects and arrays in brackets, arrays indexed).
 */

/** The string a scalar is sent as; objects go as JSON (headers, path segments). */
export function scalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

/** Query pairs for one parameter. */
export function queryPairs(name: string, value: unknown, explode: boolean): Array<[string, string]> {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== undefined && v !== null);
    if (items.some((v) => typeof v === 'object')) return bracketPairs(name, value);
    return explode ? items.map((v) => [name, scalar(v)]) : [[name, items.map(scalar).join(',')]];
  }
  if (typeof value === 'object') return bracketPairs(name, value);
  return [[name, scalar(value)]];
}

/** `a[b][0]=c` pairs for nested values (form bodies and deepObject queries). */
export function bracketPairs(prefix: string, value: unknown): Array<[string, string]> {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => bracketPairs(`${prefix}[${i}]`, v));
  if (typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => bracketPairs(`${prefix}[${k}]`, v));
  return [[prefix, scalar(value)]];
}

/** An `application/x-www-form-urlencoded` body from an object of fields. */
export function formBody(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    const pairs = typeof value === 'object' && value !== null ? bracketPairs(key, value) : value === undefined || value === null ? [] : [[key, scalar(value)] as [string, string]];
    for (const [k, v] of pairs) params.append(k, v);
  }
  return params.toString();
}
