/**
 * @module catalog/openapi/external-refs — follows `$ref`s into other documents (`common.yaml#/Pet`,
 * `./schemas/pet.json`, `https://api.example.com/defs.yaml#/Id`) when a spec is loaded, and bundles those
 * documents into the spec under `x-toolgate-external`, each ref rewritten to a local pointer into its copy.
 * The rest of the loader then only ever meets local refs (refs.ts).
 *
 * Confined, because a spec may come from an upstream's URL: a URL spec follows refs only to the same origin;
 * a file spec only to files inside its own folder (never to a URL). At most MAX_EXTERNAL_DOCUMENTS
 * documents, and all of them together at most MAX_SPEC_BYTES. A ref that is not followed (outside those
 * bounds, unreadable, not JSON or YAML) stays unresolved, which the schema translation treats as "any
 * value", and is reported back so the server can say so in its warning.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { isObject, type JsonObject } from './json.js';

/** Where bundled documents live in the spec; an `x-` key, so nothing else in a spec reads it. */
export const BUNDLE_KEY = 'x-toolgate-external';
/** Other documents one spec may pull in (count). */
export const MAX_EXTERNAL_DOCUMENTS = 64;
/** Nesting walked in one document looking for refs (levels); deeper parts are left as they are. */
const MAX_WALK_DEPTH = 256;

export interface ExternalReader {
  /** The text of a document at an absolute file path or URL; throws with a message when it cannot. */
  read(location: string): Promise<string>;
  /** Parses a document's text (JSON or YAML); throws with a message when it cannot. */
  parse(text: string, location: string): unknown;
  /** Bytes all documents may add up to. */
  readonly maxBytes: number;
}

export interface BundleResult {
  /** Documents bundled (count). */
  readonly followed: number;
  /** One line per ref not followed, and why. */
  readonly skipped: readonly string[];
}

const isUrl = (location: string): boolean => /^https?:\/\//i.test(location);

/** Where refs may lead, fixed by where the spec itself came from: its origin, or its folder. */
type Scope = { readonly origin: string } | { readonly folder: string };

function scopeOf(source: string): Scope {
  return isUrl(source) ? { origin: new URL(source).origin } : { folder: dirname(source) };
}

/** The absolute location of `target` seen from the document at `base`, or why it is not followed. */
function locate(target: string, base: string, scope: Scope): { location: string } | { refused: string } {
  if ('origin' in scope) {
    let url: URL;
    try {
      url = new URL(target, base);
    } catch {
      return { refused: 'not a URL' };
    }
    url.hash = '';
    return url.origin === scope.origin ? { location: url.href } : { refused: `not on ${scope.origin}, where the spec is` };
  }
  if (isUrl(target) || /^[a-z][a-z0-9+.-]*:/i.test(target)) return { refused: 'a file spec follows refs to files only' };
  const location = resolve(dirname(base), target);
  const inside = relative(scope.folder, location);
  return inside.startsWith('..') || isAbsolute(inside) ? { refused: `outside ${scope.folder}, the spec's folder` } : { location };
}

/**
 * Bundles every document `doc` (loaded from `source`) reaches through `$ref`s, in place. Local refs inside a
 * bundled document are rewritten to point into its copy, so they keep meaning what they meant there.
 */
export async function bundleExternalRefs(doc: JsonObject, source: string, reader: ExternalReader): Promise<BundleResult> {
  const keys = new Map<string, string>(); // absolute location → key under BUNDLE_KEY
  const pending: { location: string; key: string }[] = [];
  const skipped: string[] = [];
  const bundle: JsonObject = {};
  const scope = scopeOf(source);
  let bytes = 0;

  /** Rewrites the refs of one document; `key` is its place under BUNDLE_KEY (undefined: the spec itself). */
  function rewrite(root: unknown, base: string, key: string | undefined): void {
    const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      if (depth > MAX_WALK_DEPTH) continue;
      if (Array.isArray(node)) {
        for (const item of node) stack.push({ node: item, depth: depth + 1 });
        continue;
      }
      if (!isObject(node)) continue;
      const ref = node['$ref'];
      if (typeof ref === 'string') node['$ref'] = rewritten(ref, base, key);
      for (const [field, value] of Object.entries(node)) if (field !== BUNDLE_KEY) stack.push({ node: value, depth: depth + 1 });
    }
  }

  function rewritten(ref: string, base: string, key: string | undefined): string {
    const hash = ref.indexOf('#');
    const target = hash < 0 ? ref : ref.slice(0, hash);
    const pointer = hash < 0 ? '' : ref.slice(hash + 1);
    if (target === '') return key === undefined ? ref : `#/${BUNDLE_KEY}/${key}${pointer}`;
    const found = locate(target, base, scope);
    if ('refused' in found) {
      skipped.push(`${ref}: ${found.refused}`);
      return ref;
    }
    let docKey = keys.get(found.location);
    if (docKey === undefined) {
      if (keys.size >= MAX_EXTERNAL_DOCUMENTS) {
        skipped.push(`${ref}: more than ${MAX_EXTERNAL_DOCUMENTS} documents`);
        return ref;
      }
      docKey = String(keys.size);
      keys.set(found.location, docKey);
      pending.push({ location: found.location, key: docKey });
    }
    return `#/${BUNDLE_KEY}/${docKey}${pointer}`;
  }

  rewrite(doc, source, undefined);
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    if (bytes > reader.maxBytes) {
      skipped.push(`${next.location}: not read, the spec and its documents already passed ${reader.maxBytes} bytes`);
      continue;
    }
    try {
      const text = await reader.read(next.location);
      bytes += Buffer.byteLength(text);
      if (bytes > reader.maxBytes) throw new Error(`the spec and its documents pass ${reader.maxBytes} bytes`);
      const external = reader.parse(text, next.location);
      rewrite(external, next.location, next.key);
      bundle[next.key] = external;
    } catch (error) {
      skipped.push(`${next.location}: ${(error as Error).message}`);
    }
  }
  if (keys.size > 0) doc[BUNDLE_KEY] = bundle;
  return { followed: Object.keys(bundle).length, skipped };
}
