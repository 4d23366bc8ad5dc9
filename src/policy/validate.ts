/**
 * @module src/policy/validate — tool arguments checked against the tool's inputSchema with ajv.
 *
 * One validator is compiled per tool content hash and cached, so a call costs the validation only. Strict
 * with the agent, lenient with upstreams: a schema ajv cannot compile (an unknown draft, a broken `$ref`,
 * an invalid regex) means that tool is not validated, with one logged warning, never a crash.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as formatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import type { ToolRecord } from '../../catalog/types.js';
import { ALLOW, deny, type Decision } from './decision.js';
import { renderErrors } from './validate-messages.js';

export type WarnFn = (message: string, data: Record<string, unknown>) => void;

export interface ArgsValidator {
  validate(tool: Pick<ToolRecord, 'id' | 'hash' | 'inputSchema'>, args: unknown): Decision;
  /** Drops a cached validator (the tool changed or disappeared). */
  forget(hash: string): void;
  readonly size: number;
}

// ajv-formats is CommonJS; its default export arrives as the module object under NodeNext.
const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ?? formatsModule) as unknown as FormatsPlugin;

// strict: false — upstream schemas carry unknown keywords (`x-…`, `examples` in odd places); addUsedSchema:
// false — two tools may reuse one `$id` with different content, which must not collide in ajv's registry.
const AJV_OPTIONS = { allErrors: true, strict: false, addUsedSchema: false, coerceTypes: false, useDefaults: false } as const;

type AjvLike = { compile(schema: object): ValidateFunction; removeSchema(schema: object): unknown };

/** Compiled validators kept at most; past this the cache starts over (old tool versions pile up otherwise). */
export const MAX_CACHED_VALIDATORS = 20_000;

function makeInstances(): { draft7: AjvLike; d2019: AjvLike; d2020: AjvLike } {
  const draft7 = new Ajv(AJV_OPTIONS);
  const d2019 = new Ajv2019(AJV_OPTIONS);
  const d2020 = new Ajv2020(AJV_OPTIONS);
  for (const a of [draft7, d2019, d2020]) addFormats(a);
  return { draft7, d2019, d2020 };
}

function dialectOrder(schema: Record<string, unknown>, ajvs: ReturnType<typeof makeInstances>): AjvLike[] {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (declared.includes('2020-12')) return [ajvs.d2020, ajvs.draft7];
  if (declared.includes('2019-09')) return [ajvs.d2019, ajvs.draft7];
  return [ajvs.draft7, ajvs.d2020];
}

export function createArgsValidator(options: { warn?: WarnFn } = {}): ArgsValidator {
  const ajvs = makeInstances();
  const warn: WarnFn = options.warn ?? ((message, data) => process.stderr.write(`${JSON.stringify({ level: 'warn', message, ...data })}\n`));
  // null: the schema could not be compiled; the tool is passed through unvalidated.
  const cache = new Map<string, ValidateFunction | null>();

  function compile(tool: Pick<ToolRecord, 'id' | 'inputSchema'>): ValidateFunction | null {
    const { $schema: _dialect, $id: _id, ...schema } = tool.inputSchema;
    let lastError: unknown;
    for (const ajv of dialectOrder(tool.inputSchema, ajvs)) {
      try {
        return ajv.compile(schema);
      } catch (e) {
        lastError = e;
      } finally {
        // ajv keeps every compiled schema in a cache of its own; ours alone should decide how long one lives.
        ajv.removeSchema(schema);
      }
    }
    warn('inputSchema does not compile; arguments of this tool are not validated', {
      tool: tool.id,
      error: lastError instanceof Error ? lastError.message : String(lastError),
    });
    return null;
  }

  return {
    validate(tool, args) {
      let fn = cache.get(tool.hash);
      if (fn === undefined) {
        fn = compile(tool);
        if (cache.size >= MAX_CACHED_VALIDATORS) cache.clear();
        cache.set(tool.hash, fn);
      }
      if (fn === null) return ALLOW;
      let ok: boolean;
      try {
        ok = fn(args ?? {}) as boolean;
      } catch (e) {
        // A compiled schema can still throw at run time (e.g. a pathological regex engine error): don't crash.
        warn('inputSchema validation threw; call passed unvalidated', { tool: tool.id, error: String(e) });
        return ALLOW;
      }
      if (ok) return ALLOW;
      return deny('TG_ARGS_INVALID', `Invalid arguments for ${tool.id}: ${renderErrors(fn.errors ?? [])}.`, 'inputSchema');
    },
    forget: (hash) => void cache.delete(hash),
    get size() {
      return cache.size;
    },
  };
}
