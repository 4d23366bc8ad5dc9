/**
 * @module src/policy/validate-messages — ajv errors rendered as one sentence the model can act on:
 * "`project` is required; `priority` must be one of High, Low".
 */
import type { ErrorObject } from 'ajv';

/** Messages shown at most; the rest are counted, so the model is not flooded by one bad array. */
export const MAX_RENDERED_ERRORS = 8;

/** JSON pointer `/a/0/b` → `a[0].b`; the root is `arguments`. */
export function renderPath(pointer: string, child?: string): string {
  const parts = pointer === '' ? [] : pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  if (parts.length === 0) return 'arguments';
  return parts.reduce((acc, p, i) => (/^\d+$/.test(p) ? `${acc}[${p}]` : i === 0 ? p : `${acc}.${p}`), '');
}

const ARTICLE: Record<string, string> = {
  string: 'a string', number: 'a number', integer: 'an integer', boolean: 'a boolean',
  object: 'an object', array: 'an array', null: 'null',
};

function typeText(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((t) => ARTICLE[String(t)] ?? String(t)).join(' or ');
}

function listValues(values: unknown): string {
  return (Array.isArray(values) ? values : [values]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

function renderOne(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `\`${renderPath(e.instancePath, String(p.missingProperty))}\` is required`;
    case 'additionalProperties':
      return `\`${renderPath(e.instancePath, String(p.additionalProperty))}\` is not a known parameter`;
    case 'enum':
      return `\`${renderPath(e.instancePath)}\` must be one of ${listValues(p.allowedValues)}`;
    case 'const':
      return `\`${renderPath(e.instancePath)}\` must be ${listValues(p.allowedValue)}`;
    case 'type':
      return `\`${renderPath(e.instancePath)}\` must be ${typeText(p.type)}`;
    case 'format':
      return `\`${renderPath(e.instancePath)}\` must be a valid ${String(p.format)}`;
    case 'anyOf':
    case 'oneOf':
      return `\`${renderPath(e.instancePath)}\` must match one of the allowed shapes`;
    default:
      return `\`${renderPath(e.instancePath)}\` ${e.message ?? `fails ${e.keyword}`}`;
  }
}

// Errors under an anyOf/oneOf branch repeat what the branch error already says; `if` only points at `then`.
function isNoise(e: ErrorObject): boolean {
  return /\/(anyOf|oneOf)\/\d+\//.test(e.schemaPath) || e.keyword === 'if';
}

export function renderErrors(errors: readonly ErrorObject[]): string {
  const messages = [...new Set(errors.filter((e) => !isNoise(e)).map(renderOne))];
  const shown = messages.slice(0, MAX_RENDERED_ERRORS).join('; ');
  const more = messages.length - MAX_RENDERED_ERRORS;
  return more > 0 ? `${shown}; and ${more} more` : shown;
}
