/**
 * @module index/stem — the stop-word list and a Porter-lite suffix stripper used by the tokenizer (and,
 * through it, by the built-in embedder). Both are named so a change to either is a visible decision.
 */

/**
 * English function words that carry no signal about what a tool does. Deliberately short: API verbs
 * (get, list, set, all) stay, because "list all issues" vs "get issue" is exactly what ranking must see.
 */
// prettier-ignore
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'with', 'by', 'from', 'at', 'as', 'into',
  'is', 'are', 'be', 'been', 'being', 'was', 'were', 'it', 'its', 'this', 'that', 'these', 'those',
  'if', 'then', 'than', 'so', 'such', 'can', 'will', 'would', 'should', 'may', 'might', 'must', 'do',
  'does', 'did', 'has', 'have', 'had', 'i', 'me', 'my', 'we', 'our', 'you', 'your', 'they', 'their',
  'which', 'who', 'whom', 'what', 'there', 'here', 'also', 'via', 'e', 'g', 'eg', 'ie', 'etc',
]);

/** Words the suffix stripper must leave alone (the rules would merge them with unrelated words). */
const STEM_EXCEPTIONS: ReadonlySet<string> = new Set([
  'embed',
  'news',
  'status',
  'series',
  'species',
  'alias',
  'canvas',
]);

const VOWEL = /[aeiouy]/;
/** Double consonants left by stripping -ing/-ed (`running` → `runn` → `run`); l, s, z and `add` stay. */
const UNDOUBLE = /([bcdfgkmnprt])\1$/;

/**
 * Porter-lite suffix stripper: plurals, -ing, -ed, a final -e. It only has to map the forms of one word
 * to one key (`create`, `creates`, `created`, `creating` → `creat`); the key need not be a word.
 */
export function stem(word: string): string {
  let cached = STEM_CACHE.get(word);
  if (cached === undefined) {
    cached = stemUncached(word);
    if (STEM_CACHE.size >= STEM_CACHE_SIZE) STEM_CACHE.clear();
    STEM_CACHE.set(word, cached);
  }
  return cached;
}

/** Distinct words remembered by `stem` (count); an estate of 9,000 tools has ~40,000. */
const STEM_CACHE_SIZE = 100_000;
const STEM_CACHE = new Map<string, string>();

function stemUncached(word: string): string {
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
