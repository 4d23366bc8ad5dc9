/**
 * @module catalog/openapi/hidden-params — parameters the model is never asked for, because the gateway
 * owns them: headers the HTTP client sets, headers set from config (credentials), the spec's own `apiKey`
 * security parameters, and names listed in the server's `hiddenParams` (e.g. Slack's `token`, which a
 * configured `Authorization` header replaces).
 */
import { obj, str, type JsonObject } from './json.js';
import type { OperationParam } from './operations.js';

/** Headers the HTTP client or the gateway sets; OpenAPI 3 also says these parameters are ignored. */
export const RESERVED_HEADERS: ReadonlySet<string> = new Set(['authorization', 'content-type', 'accept', 'content-length', 'host', 'cookie']);

export interface HideOptions {
  /** Header names (any case) the gateway sets from config. */
  readonly injectedHeaders?: readonly string[];
  /** Parameter names (any case, any location) never exposed. */
  readonly hiddenParams?: readonly string[];
}

export type ParamFilter = (param: Pick<OperationParam, 'name' | 'in'>) => boolean;

/** A predicate: true for a parameter that is not a tool argument. */
export function hiddenParamFilter(doc: JsonObject, options: HideOptions = {}): ParamFilter {
  const headers = new Set([...RESERVED_HEADERS, ...(options.injectedHeaders ?? []).map((h) => h.toLowerCase())]);
  const names = new Set((options.hiddenParams ?? []).map((n) => n.toLowerCase()));
  const apiKeys = new Set<string>();
  for (const raw of Object.values(obj(obj(doc['components'])['securitySchemes']))) {
    const scheme = obj(raw);
    const name = scheme['type'] === 'apiKey' ? str(scheme['name']) : undefined;
    if (name !== undefined) apiKeys.add(`${String(scheme['in'])}:${name.toLowerCase()}`);
  }
  return function hidden(param) {
    const lower = param.name.toLowerCase();
    return names.has(lower) || apiKeys.has(`${param.in}:${lower}`) || (param.in === 'header' && headers.has(lower));
  };
}
