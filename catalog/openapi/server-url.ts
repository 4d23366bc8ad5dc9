/**
 * @module catalog/openapi/server-url — the base URL calls go to: config `baseUrl`, else the spec's
 * `servers[0].url` with `{variables}` set to their defaults (a relative server URL resolves against the
 * spec's own URL when it was fetched).
 */
import { arr, obj, str, type JsonObject } from './json.js';

/** The spec's first server URL, absolute, or undefined when it has none or it cannot be made absolute. */
export function specServerUrl(doc: JsonObject, specSource?: string): string | undefined {
  const server = obj(arr(doc['servers'])[0]);
  const template = str(server['url']);
  if (template === undefined) return undefined;
  const variables = obj(server['variables']);
  const url = template.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const fallback = obj(variables[name])['default'];
    return typeof fallback === 'string' || typeof fallback === 'number' ? String(fallback) : whole;
  });
  try {
    const base = specSource !== undefined && /^https?:\/\//i.test(specSource) ? specSource : undefined;
    const absolute = new URL(url, base);
    return /^https?:$/.test(absolute.protocol) ? absolute.href : undefined;
  } catch {
    return undefined;
  }
}

/** `base` + `path` with path parameters filled in (each value percent-encoded as one segment). */
export function joinUrl(base: string, path: string, pathArgs: ReadonlyMap<string, string>): URL {
  const filled = path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const value = pathArgs.get(name);
    return value === undefined ? whole : encodeURIComponent(value);
  });
  // Keep the base's own path (`https://host/api/v3`): URL resolution would drop its last segment.
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${filled.replace(/^\/+/, '')}`;
  return url;
}
