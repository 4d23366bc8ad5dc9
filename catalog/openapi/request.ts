/**
 * @module catalog/openapi/request — one HTTP request from a tool's arguments and its plan: path
 * parameters encoded as single segments, query, headers and cookies from their arguments, the body
 * encoded for its media type, and the configured (already resolved) headers on top.
 */
import { formBody, queryPairs, scalar } from './encode.js';
import type { ArgumentPlan } from './input-schema.js';
import type { HttpMethod } from './operations.js';
import { joinUrl } from './server-url.js';

export const ACCEPT_HEADER = 'application/json, */*;q=0.8';

export interface HttpRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string | FormData;
}

/** Thrown for arguments that cannot be sent (a missing or dot-segment path parameter). */
export class RequestBuildError extends Error {
  override readonly name = 'RequestBuildError';
}

export interface RequestTarget {
  readonly method: HttpMethod;
  readonly path: string;
  readonly plan: ArgumentPlan;
}

export function buildRequest(target: RequestTarget, args: Record<string, unknown>, baseUrl: string, injected: Readonly<Record<string, string>>): HttpRequest {
  const { plan } = target;
  const pathArgs = new Map<string, string>();
  const query: Array<[string, string]> = [];
  const headers: Record<string, string> = { accept: ACCEPT_HEADER };
  const cookies: string[] = [];
  for (const p of plan.params) {
    const value = args[p.key];
    if (p.in === 'path') {
      if (value === undefined || value === null) throw new RequestBuildError(`missing path parameter ${p.key}`);
      const segment = Array.isArray(value) ? value.map(scalar).join(',') : scalar(value);
      // `.` and `..` would be normalised away by URL parsing and reach a different endpoint.
      if (segment === '.' || segment === '..' || segment === '') throw new RequestBuildError(`path parameter ${p.key} may not be ${JSON.stringify(segment)}`);
      pathArgs.set(p.name, segment);
    } else if (value === undefined || value === null) continue;
    else if (p.in === 'query') query.push(...queryPairs(p.name, value, p.explode));
    else if (p.in === 'header') headers[p.name.toLowerCase()] = Array.isArray(value) ? value.map(scalar).join(',') : scalar(value);
    else cookies.push(`${p.name}=${encodeURIComponent(scalar(value))}`);
  }
  if (cookies.length > 0) headers['cookie'] = cookies.join('; ');
  const url = joinUrl(baseUrl, target.path, pathArgs);
  for (const [k, v] of query) url.searchParams.append(k, v);
  const bodyValue = bodyOf(plan, args);
  const encoded = bodyValue === undefined || plan.body === undefined ? undefined : encodeBody(plan.body.mediaType, bodyValue);
  if (encoded?.contentType !== undefined) headers['content-type'] = encoded.contentType;
  // Configured headers last: the model cannot override a credential by passing a header argument.
  for (const [k, v] of Object.entries(injected)) headers[k.toLowerCase()] = v;
  return { url, method: target.method.toUpperCase(), headers, ...(encoded !== undefined && { body: encoded.body }) };
}

function bodyOf(plan: ArgumentPlan, args: Record<string, unknown>): unknown {
  if (plan.body === undefined) return undefined;
  if (plan.body.mode === 'whole') return args[plan.body.key];
  const used = new Set(plan.params.map((p) => p.key));
  const fields = Object.fromEntries(Object.entries(args).filter(([k, v]) => !used.has(k) && v !== undefined));
  return Object.keys(fields).length === 0 ? undefined : fields;
}

function encodeBody(mediaType: string, value: unknown): { body: string | FormData; contentType?: string } {
  if (/json/i.test(mediaType)) return { body: JSON.stringify(value), contentType: mediaType };
  if (/^application\/x-www-form-urlencoded$/i.test(mediaType) && typeof value === 'object' && value !== null) {
    return { body: formBody(value as Record<string, unknown>), contentType: 'application/x-www-form-urlencoded' };
  }
  if (/^multipart\/form-data$/i.test(mediaType) && typeof value === 'object' && value !== null) {
    const form = new FormData();
    for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) form.append(k, scalar(v));
    return { body: form }; // fetch sets the multipart boundary itself
  }
  if (typeof value === 'string') return { body: value, contentType: mediaType.includes('*') ? 'text/plain' : mediaType };
  return { body: JSON.stringify(value), contentType: 'application/json' };
}
