/**
 * @module catalog/openapi/load-spec — reads an OpenAPI document from a file or an http(s) URL, JSON or
 * YAML, bundles the documents its `$ref`s point into (external-refs.ts), and normalises it to OpenAPI 3
 * (Swagger 2.0 is converted, see swagger2.ts; anything else is rejected with a message saying what was found).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BUNDLE_KEY, bundleExternalRefs } from './external-refs.js';
import { isObject, str, type JsonObject } from './json.js';
import { convertSwagger2 } from './swagger2.js';

/** Largest spec accepted, bytes: the biggest real spec seen (Cloudflare) is ~4.2 MB. */
export const MAX_SPEC_BYTES = 32 * 1024 * 1024;
/** Default time to fetch a spec URL, ms (the upstream's connectTimeoutMs usually overrides it). */
export const SPEC_FETCH_TIMEOUT_MS = 15_000;

export class SpecError extends Error {
  override readonly name = 'SpecError';
}

export interface LoadedSpec {
  /** The document, OpenAPI 3 shaped. */
  readonly doc: JsonObject;
  /** `openapi` or `swagger` version string as found in the source. */
  readonly sourceVersion: string;
  /** `$ref`s into other documents that were not followed, and why (their schemas accept any value). */
  readonly skippedRefs?: readonly string[];
}

/** A `$ref` whose value does not start with `#` (JSON or YAML spelling): the spec points into another document. */
const EXTERNAL_REF = /["']?\$ref["']?\s*:\s*["']?(?!#)[^\s"',}]/;

/** `timeoutMs` bounds the whole load: the spec and every document its `$ref`s pull in. */
export async function loadSpec(source: string, timeoutMs = SPEC_FETCH_TIMEOUT_MS): Promise<LoadedSpec> {
  const deadline = Date.now() + timeoutMs;
  const isUrl = /^https?:\/\//i.test(source);
  const text = isUrl ? await fetchText(source, timeoutMs) : await readText(source);
  const parsed = parseSpecText(text, source);
  // Most specs are one document: the text is scanned once rather than the parsed tree walked.
  if (!isObject(parsed) || !EXTERNAL_REF.test(text)) return normaliseSpec(parsed, source);
  const origin = isUrl ? new URL(source).origin : undefined;
  const readRef = (at: string): Promise<string> => {
    const left = deadline - Date.now();
    if (left <= 0) return Promise.reject(new SpecError(`no time left of the ${timeoutMs} ms to load the spec`));
    return origin === undefined ? readText(at) : fetchText(at, left, origin);
  };
  const bundled = await bundleExternalRefs(parsed, isUrl ? source : resolve(source), { read: readRef, parse: parseSpecText, maxBytes: MAX_SPEC_BYTES - Buffer.byteLength(text) });
  const spec = normaliseSpec(parsed, source);
  // Swagger 2 is converted into a new document: the bundled documents its refs now point at come along.
  if (parsed[BUNDLE_KEY] !== undefined && spec.doc[BUNDLE_KEY] === undefined) spec.doc[BUNDLE_KEY] = parsed[BUNDLE_KEY];
  return bundled.skipped.length > 0 ? { ...spec, skippedRefs: bundled.skipped } : spec;
}

/** JSON when it looks like JSON, else YAML (a superset of JSON, but much slower on multi-MB files). */
export function parseSpecText(text: string, source: string): unknown {
  try {
    return /^\s*[{[]/.test(text) ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 });
  } catch (error) {
    throw new SpecError(`cannot parse the OpenAPI spec ${source}: ${(error as Error).message.split('\n')[0]}`);
  }
}

export function normaliseSpec(parsed: unknown, source: string): LoadedSpec {
  if (!isObject(parsed)) throw new SpecError(`the OpenAPI spec ${source} is not an object`);
  const openapi = str(parsed['openapi']);
  if (openapi !== undefined && /^3\./.test(openapi)) return { doc: parsed, sourceVersion: openapi };
  const swagger = str(parsed['swagger']) ?? (typeof parsed['swagger'] === 'number' ? String(parsed['swagger']) : undefined);
  if (swagger !== undefined && /^2(\.0)?$/.test(swagger)) return { doc: convertSwagger2(parsed), sourceVersion: swagger };
  const found = openapi ?? swagger ?? 'no "openapi" or "swagger" field';
  throw new SpecError(`unsupported spec version in ${source}: ${found} (expected OpenAPI 3.x or Swagger 2.0)`);
}

async function readText(path: string): Promise<string> {
  try {
    const buffer = await readFile(path);
    if (buffer.byteLength > MAX_SPEC_BYTES) throw new SpecError(`the OpenAPI spec ${path} is larger than ${MAX_SPEC_BYTES} bytes`);
    return buffer.toString('utf8');
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw new SpecError(`cannot read the OpenAPI spec ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/**
 * The text at `url`. With `origin` (a document a spec's `$ref` points at), redirects are not followed: the
 * same-origin rule must hold for where the bytes come from, not only for the URL the spec names.
 */
async function fetchText(url: string, timeoutMs: number, origin?: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json, application/yaml;q=0.9, */*;q=0.5' },
      ...(origin === undefined ? {} : { redirect: 'manual' as const }),
    });
  } catch (error) {
    const why = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (error as Error).message;
    throw new SpecError(`cannot fetch the OpenAPI spec ${url}: ${why}`);
  }
  if (origin !== undefined && response.status >= 300 && response.status < 400) {
    throw new SpecError(`cannot fetch the OpenAPI spec ${url}: it redirects, and a $ref document is read from ${origin} only`);
  }
  if (!response.ok) throw new SpecError(`cannot fetch the OpenAPI spec ${url}: HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_SPEC_BYTES) throw new SpecError(`the OpenAPI spec ${url} is larger than ${MAX_SPEC_BYTES} bytes`);
  const text = await response.text();
  if (Buffer.byteLength(text) > MAX_SPEC_BYTES) throw new SpecError(`the OpenAPI spec ${url} is larger than ${MAX_SPEC_BYTES} bytes`);
  return text;
}
