/**
 * @module index/tool-text — which parts of a ToolRecord are ranked, with what weight, and the plain text
 * handed to an embedder. Field texts are capped so one 50 KB OpenAPI description cannot dominate memory
 * or time.
 */
import type { JsonSchema, ToolRecord } from '../catalog/types.js';

export type ToolField = 'name' | 'server' | 'title' | 'description' | 'params' | 'paramDocs';

/** Fields in a fixed order: BM25 keeps per-field arrays indexed by this order. */
export const TOOL_FIELDS: readonly ToolField[] = ['name', 'server', 'title', 'description', 'params', 'paramDocs'];

/**
 * BM25F field weights (multipliers of a term's frequency in that field). The name is what the model
 * will call, so a match there is worth most; parameter descriptions are long and noisy, worth least.
 */
export const FIELD_WEIGHTS: Readonly<Record<ToolField, number>> = {
  name: 3,
  server: 1.5,
  title: 2,
  description: 1,
  params: 1,
  paramDocs: 0.3,
};

/** Upper bound on characters of one field's text (characters; about 1,000 tokens of description). */
export const FIELD_CHAR_CAP = 4_000;
/** Parameters listed per tool (count); OpenAPI bodies can have hundreds. */
export const PARAM_CAP = 60;
/** Characters kept of each parameter's description (characters). */
export const PARAM_DOC_CAP = 160;
/** Characters of the embedder's text (characters); models truncate anyway, hashes do not need more. */
export const EMBED_CHAR_CAP = 2_000;

export type ToolTexts = Readonly<Record<ToolField, string>>;

interface Param {
  readonly name: string;
  readonly doc: string;
}

function propertiesOf(schema: unknown): Record<string, unknown> {
  if (typeof schema !== 'object' || schema === null) return {};
  const props = (schema as JsonSchema)['properties'];
  return typeof props === 'object' && props !== null ? (props as Record<string, unknown>) : {};
}

function docOf(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) return '';
  const doc = (schema as JsonSchema)['description'];
  return typeof doc === 'string' ? doc.slice(0, PARAM_DOC_CAP) : '';
}

/**
 * Top-level parameters, plus the fields of an object-valued parameter one level down: OpenAPI-derived
 * tools put everything under `body`, and those field names are what a query mentions.
 */
export function toolParams(record: ToolRecord): Param[] {
  const out: Param[] = [];
  for (const [name, schema] of Object.entries(propertiesOf(record.inputSchema))) {
    if (out.length >= PARAM_CAP) break;
    out.push({ name, doc: docOf(schema) });
    for (const [inner, innerSchema] of Object.entries(propertiesOf(schema))) {
      if (out.length >= PARAM_CAP) break;
      out.push({ name: inner, doc: docOf(innerSchema) });
    }
  }
  return out;
}

/** The text of each ranked field of one tool. */
export function toolTexts(record: ToolRecord): ToolTexts {
  const params = toolParams(record);
  const cap = (s: string): string => (s.length > FIELD_CHAR_CAP ? s.slice(0, FIELD_CHAR_CAP) : s);
  return {
    name: record.name,
    server: record.server,
    title: cap(record.title ?? titleAnnotation(record) ?? ''),
    description: cap(record.description),
    params: cap(params.map((p) => p.name).join(' ')),
    paramDocs: cap(
      params
        .map((p) => p.doc)
        .filter(Boolean)
        .join(' \n'),
    ),
  };
}

function titleAnnotation(record: ToolRecord): string | undefined {
  const title = record.annotations?.['title'];
  return typeof title === 'string' ? title : undefined;
}

/** One text per tool for an embedder: name, title, description and parameter names, capped. */
export function toolEmbeddingText(record: ToolRecord): string {
  const t = toolTexts(record);
  const text = [t.name, t.title, t.description, t.params].filter(Boolean).join('\n');
  return text.length > EMBED_CHAR_CAP ? text.slice(0, EMBED_CHAR_CAP) : text;
}
