/**
 * @module index/tokenize — identifier-aware tokens for ranking: splits camelCase, PascalCase, snake_case,
 * kebab-case, dotted and slashed names and letter/digit boundaries, lower-cases, drops stop words and
 * applies a small suffix stripper. Shared by the lexical ranker and the built-in embedder: keep the API stable.
 */
import { stem, STOP_WORDS } from './stem.js';

export { stem, STOP_WORDS };

/** Runs of letters/digits joined by identifier punctuation form one identifier (`jira.create_issue`). */
const IDENTIFIER_RUN = /[\p{L}\p{N}]+(?:[._\-/:@#$][\p{L}\p{N}]+)*/gu;
/** Boundaries inside one identifier: punctuation, lower→Upper, UPPER→Upper+lower, letter↔digit. */
const PART_SPLIT =
  /[^\p{L}\p{N}]+|(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u;
/** Scripts written without spaces: a run of them becomes overlapping character bigrams. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const UNSPACED_RUN = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u;

/** Character classes of the ASCII fast path: 0 other, 1 lower, 2 upper, 3 digit. */
function asciiClass(c: number): number {
  return c >= 97 && c <= 122 ? 1 : c >= 65 && c <= 90 ? 2 : c >= 48 && c <= 57 ? 3 : 0;
}

/** `identifierParts` for ASCII text without regexes: the same boundaries (the tokenizer ~2× faster on the estates). */
function asciiParts(name: string, out: string[]): void {
  let start = -1;
  let prev = 0;
  for (let i = 0; i <= name.length; i++) {
    const cls = i < name.length ? asciiClass(name.charCodeAt(i)) : 0;
    if (cls === 0) {
      if (start >= 0) out.push(name.slice(start, i).toLowerCase());
      start = -1;
    } else if (start < 0) start = i;
    else {
      const nextLower = i + 1 < name.length && asciiClass(name.charCodeAt(i + 1)) === 1;
      const split = (prev === 1 && cls === 2) || (prev === 2 && cls === 2 && nextLower) || (prev === 3) !== (cls === 3);
      if (split) {
        out.push(name.slice(start, i).toLowerCase());
        start = i;
      }
    }
    prev = cls;
  }
}

/** True for text of ASCII characters only (no code point above U+007F). */
const ASCII = /^[^\u0080-\uffff]*$/;
/** A single Latin letter carries no meaning alone (`s` of `s3`); single digits and CJK characters do. */
const LONE_LETTER = /^\p{Script=Latin}$/u;

/** Lower-cased parts of one identifier: `getHTTPResponse_v2` → `get`, `http`, `response`, `v`, `2`. */
export function identifierParts(name: string): string[] {
  const parts: string[] = [];
  if (ASCII.test(name)) {
    asciiParts(name, parts);
    return parts;
  }
  for (const part of name.split(PART_SPLIT)) {
    if (part) parts.push(part.toLowerCase());
  }
  return parts;
}

/** Stemmed key of one part, or undefined for a stop word or a lone letter. */
function termOf(part: string): string | undefined {
  if (STOP_WORDS.has(part)) return undefined;
  if (part.length === 1 && LONE_LETTER.test(part)) return undefined;
  return stem(part);
}

/** Identifier punctuation that joins two runs of letters/digits into one identifier. */
function isJoiner(c: number): boolean {
  return c === 46 || c === 95 || c === 45 || c === 47 || c === 58 || c === 64 || c === 35 || c === 36; // . _ - / : @ # $
}

/** The identifiers of a text (IDENTIFIER_RUN), scanned by hand when the text is ASCII. */
function identifierRuns(text: string, ascii: boolean): string[] {
  if (!ascii) return Array.from(text.matchAll(IDENTIFIER_RUN), (m) => m[0]);
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (asciiClass(c) !== 0) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && isJoiner(c) && i + 1 < text.length && asciiClass(text.charCodeAt(i + 1)) !== 0) continue;
    if (start >= 0) runs.push(text.slice(start, i));
    start = -1;
  }
  return runs;
}

/**
 * Ranking terms of free text: each identifier's parts, stemmed, without stop words; an identifier made of
 * several parts also yields itself whole and lower-cased (`create_issue`), so an exact name query scores.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const ascii = ASCII.test(text);
  const parts: string[] = [];
  for (const run of identifierRuns(text, ascii)) {
    parts.length = 0;
    if (ascii) asciiParts(run, parts);
    else parts.push(...identifierParts(run));
    if (parts.length > 1) out.push(run.toLowerCase());
    for (const part of parts) {
      if (!ascii && part.length > 2 && UNSPACED.test(part) && UNSPACED_RUN.test(part)) {
        for (let i = 0; i + 2 <= part.length; i++) out.push(part.slice(i, i + 2));
        continue;
      }
      const term = termOf(part);
      if (term !== undefined) out.push(term);
    }
  }
  return out;
}
