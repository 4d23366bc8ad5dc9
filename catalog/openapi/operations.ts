/**
 * @module catalog/openapi/operations — the operations of an OpenAPI 3 document, each with its parameters
 * (path-level merged in, operation-level winning) and request body, `$ref`s of parameters and request
 * bodies resolved. Schemas are left raw here; schema.ts converts them.
 */
import { arr, isObject, obj, str, type JsonObject } from './json.js';
import { resolveRef } from './refs.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export type ParamLocation = 'path' | 'query' | 'header' | 'cookie';

export interface OperationParam {
  readonly name: string;
  readonly in: ParamLocation;
  readonly required: boolean;
  readonly description?: string;
  readonly schema: unknown;
  /** Query arrays: `explode` (repeated keys, the default) or comma-joined. */
  readonly explode: boolean;
}

export interface OperationBody {
  readonly mediaType: string;
  readonly schema: unknown;
  readonly required: boolean;
  readonly description?: string;
}

export interface Operation {
  readonly method: HttpMethod;
  readonly path: string;
  readonly operationId?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly deprecated: boolean;
  readonly params: readonly OperationParam[];
  readonly body?: OperationBody;
}

/** Request media types in order of preference: what the adapter can encode best comes first. */
const MEDIA_PREFERENCE = [/^application\/json$/i, /\+json$/i, /json/i, /^application\/x-www-form-urlencoded$/i, /^multipart\/form-data$/i, /^text\//i];

export function listOperations(doc: JsonObject): Operation[] {
  const out: Operation[] = [];
  for (const [path, rawItem] of Object.entries(obj(doc['paths']))) {
    const item = obj(resolveRef(doc, rawItem));
    const shared = params(doc, item['parameters']);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const own = params(doc, op['parameters']);
      const ownKeys = new Set(own.map((p) => `${p.in}:${p.name}`));
      const body = requestBody(doc, op['requestBody']);
      const summary = str(op['summary']);
      const description = str(op['description']);
      const operationId = str(op['operationId']);
      out.push({
        method,
        path,
        tags: arr(op['tags']).filter((t): t is string => typeof t === 'string'),
        deprecated: op['deprecated'] === true,
        params: withTemplateParams(path, [...shared.filter((p) => !ownKeys.has(`${p.in}:${p.name}`)), ...own]),
        ...(operationId !== undefined && { operationId }),
        ...(summary !== undefined && { summary }),
        ...(description !== undefined && { description }),
        ...(body !== undefined && { body }),
      });
    }
  }
  return out;
}

/** Path template variables the spec forgot to declare become required string parameters: the URL needs them. */
function withTemplateParams(path: string, list: OperationParam[]): OperationParam[] {
  const declared = new Set(list.filter((p) => p.in === 'path').map((p) => p.name));
  const missing = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).filter((name) => !declared.has(name));
  return [...missing.map((name): OperationParam => ({ name, in: 'path', required: true, schema: { type: 'string' }, explode: false })), ...list];
}

function params(doc: JsonObject, list: unknown): OperationParam[] {
  const out: OperationParam[] = [];
  for (const raw of arr(list)) {
    const p = obj(resolveRef(doc, raw));
    const name = str(p['name']);
    const location = p['in'];
    if (name === undefined || (location !== 'path' && location !== 'query' && location !== 'header' && location !== 'cookie')) continue;
    const description = str(p['description']);
    // Parameters declared with `content` instead of `schema` carry their schema one level down.
    const schema = p['schema'] ?? Object.values(obj(p['content'])).map((m) => obj(m)['schema'])[0] ?? {};
    const style = p['style'];
    out.push({
      name,
      in: location,
      // Path parameters are always required, whatever the spec says.
      required: location === 'path' || p['required'] === true,
      schema,
      explode: p['explode'] !== false && (style === undefined || style === 'form'),
      ...(description !== undefined && { description }),
    });
  }
  return out;
}

function requestBody(doc: JsonObject, raw: unknown): OperationBody | undefined {
  const body = resolveRef(doc, raw);
  if (!isObject(body)) return undefined;
  const content = obj(body['content']);
  const types = Object.keys(content);
  const mediaType = MEDIA_PREFERENCE.map((re) => types.find((t) => re.test(t))).find((t) => t !== undefined) ?? types[0];
  if (mediaType === undefined) return undefined;
  const description = str(body['description']);
  return { mediaType, schema: obj(content[mediaType])['schema'] ?? {}, required: body['required'] === true, ...(description !== undefined && { description }) };
}
