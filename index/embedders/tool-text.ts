/**
 * @module index/embedders/tool-text — the text the built-in embedder sees for one tool: the lexical
 * ranker's fields (index/tool-text.ts) in one string, the name repeated so it weighs as much as the
 * BM25F name field does, and the parameter descriptions included (they tell near-identical tools apart:
 * measured +0.011 mean Recall@5 of the hybrid over the four dev sets, docs/retrieval.md).
 */
import type { ToolRecord } from '../../catalog/types.js';
import { FIELD_WEIGHTS, toolTexts } from '../tool-text.js';

/** Cap on the whole text (characters), so one huge description cannot dominate embedding time. */
const EMBED_TEXT_CHARS = 4_000;

export function builtinToolText(record: ToolRecord): string {
  const t = toolTexts(record);
  const name = Array.from({ length: FIELD_WEIGHTS.name }, () => t.name);
  return [...name, t.title, t.description, t.params, t.paramDocs].filter(Boolean).join('\n').slice(0, EMBED_TEXT_CHARS);
}
