/**
 * @module index/tokenize — identifier-aware tokens for ranking: splits camelCase, PascalCase, snake_case,
 * kebab-case, dotted and slashed names and letter/digit boundaries, lower-cases, drops stop words and
 * applies a small suffix stripper. Shared by the lexical ranker and the built-in embedder: keep the API stable.
 */

/**
 * English function words that carry no signal about what a tool does. Deliberately short: API verbs
 * (get, list, set, all) stay, because "list all issues" vs "get issue" is exactly what ranking must see.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'with', 'by', 'from', 'at', 'as', 'into',
  'is', 'are', 'be', 'been', 'being', 'was', 'were', 'it', 'its', 'this', 'that', 'these', 'those',
  'if', 'then', 'than', 'so', 'such', 'can', 'will', 'would', 'should', 'may', 'might', 'must', 'do',
  'does', 'did', 'has', 'have', 'had', 'i', 'me', 'my', 'we', 'our', 'you', 'your', 'they', 'their',
  'which', 'who', 'whom', 'what', 'there', 'here', 'also', 'via', 'e', 'g', 'eg', 'ie', 'etc',
]);

/** Words the suffix stripper must leave alone (the rules would merge them with unrelated words). */
const STEM_EXCEPTIONS: ReadonlySet<string> = new Set(['embed', 'news', 'status', 'series', 'species', 'alias', 'canvas']);

/** Runs of letters/digits joined by identifier punctuation form one identifier (`jira.create_issue`). */
const IDENTIFIER_RUN = /[\p{L}\p{N}]+(?:[._\-/:@#$][\p{L}\p{N}]+)*/gu;
/** Boundaries inside one identifier: punctuation, lower→Upper, UPPER→Upper+lower, letter↔digit. */
const PART_SPLIT = /[^\p{L}\p{N}]+|(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u;
const VOWEL = /[aeiouy]/;
/** Scripts written without spaces: a run of them becomes overlapping character bigrams. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const UNSPACED_RUN = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u;
/** Double consonants left by stripping -ing/-ed (`running` → `runn` → `run`); l, s, z and `add` stay. */
const UNDOUBLE = /([bcdfgkmnprt])\1$/;

/** Lower-cased parts of one identifier: `getHTTPResponse_v2` → `get`, `http`, `response`, `v`, `2`. */
export function identifierParts(name: string): string[] {
  const parts: string[] = [];
  for (const part of name.split(PART_SPLIT)) {
    if (part) parts.push(part.toLowerCase());
  }
  return parts;
}

/**
 * Porter-lite suffix stripper: plurals, -ing, -ed, a final -e. It only has to map the forms of one word
 * to one key (`create`, `creates`, `created`, `creating` → `creat`); the key need not be a word.
 */
export function stem(word: string): string {
  if (word.length <= 3 || STEM_EXCEPTIONS.has(word) || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ied') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('eed')) return w;
  else {
    for (const suffix of ['ing', 'ed']) {
      const base = w.slice(0, -suffix.length);
      if (w.endsWith(suffix) && base.length >= 3 && VOWEL.test(base)) {
        w = base.length >= 4 ? base.replace(UNDOUBLE, '$1') : base;
        break;
      }
    }
  }
  if (w.length >= 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Stemmed key of one part, or undefined for a stop word or a lone letter. */
function termOf(part: string): string | undefined {
  if (STOP_WORDS.has(part)) return undefined;
  if (part.length === 1 && !/\p{N}/u.test(part) && !/[^\p{Script=Latin}]/u.test(part)) return undefined;
  return stem(part);
}

/**
 * Ranking terms of free text: each identifier's parts, stemmed, without stop words; an identifier made of
 * several parts also yields itself whole and lower-cased (`create_issue`), so an exact name query scores.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(IDENTIFIER_RUN)) {
    const run = match[0];
    const parts = identifierParts(run);
    if (parts.length > 1) out.push(run.toLowerCase());
    for (const part of parts) {
      if (part.length > 2 && UNSPACED.test(part) && UNSPACED_RUN.test(part)) {
        for (let i = 0; i + 2 <= part.length; i++) out.push(part.slice(i, i + 2));
        continue;
      }
      const term = termOf(part);
      if (term !== undefined) out.push(term);
    }
  }
  return out;
}
