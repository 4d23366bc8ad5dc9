/**
 * @module index/embedders/tool-text — the text the built-in embedder sees for one tool: the lexical
 * ranker's fields (index/tool-text.ts) in one string, the name repeated so it weighs as much as the
 * BM25F name field does, parameter descriptions and enum values included (they tell near-identical
 * tools apart; measured in docs/retrieval.md).
 */
import type { ToolRecord } from '../../catalog/types.js';
import { FIELD_WEIGHTS, toolTexts } from '../tool-text.js';

/** Cap on the whole text (characters), so one huge description cannot dominate embedding time. */
const EMBED_TEXT_CHARS = 4_000;
/** Enum values taken per parameter (count); long enums are mostly codes that add noise. */
const ENUM_VALUES_PER_PARAM = 20;

function enumValues(schema: unknown, depth = 0): string[] {
  if (typeof schema !== 'object' || schema === null || depth > 2) return [];
  const s = schema as { enum?: unknown; properties?: unknown; items?: unknown };
  const own = Array.isArray(s.enum) ? s.enum.filter((v): v is string => typeof v === 'string').slice(0, ENUM_VALUES_PER_PARAM) : [];
  const props = typeof s.properties === 'object' && s.properties !== null ? Object.values(s.properties) : [];
  return [...own, ...props.flatMap((p) => enumValues(p, depth + 1)), ...enumValues(s.items, depth + 1)];
}

export function builtinToolText(record: ToolRecord): string {
  const t = toolTexts(record);
  const name = Array.from({ length: FIELD_WEIGHTS.name }, () => t.name);
  const enums = enumValues(record.inputSchema).join(' ');
  return [...name, t.title, t.description, t.params, t.paramDocs, enums].filter(Boolean).join('\n').slice(0, EMBED_TEXT_CHARS);
}
