/**
 * @module sandbox/typings/text — small text helpers for declarations: safe comments, JSDoc blocks,
 * literals, property keys and cut-to-length. Upstream text is untrusted: nothing it holds may end a
 * comment early or break the syntax around it.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** A cut moves back to the last space when that loses at most this much text. */
const MAX_WORD_BACKTRACK = 20; // characters
/** How much of a text (times the length it is cut to) is looked at before cutting. */
const HEAD_FACTOR = 4; // times the cut length

/** Text that can sit inside a `/* ... *\/` comment without ending it. */
export function commentSafe(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}

/** Cut to `max` characters (ellipsis included), never inside a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return max === 1 ? '…' : '';
  let cut = text.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  // End at a word boundary when one is near, so the cut does not read as a different word.
  const space = cut.search(/\s\S*$/);
  if (space > 0 && cut.length - space <= MAX_WORD_BACKTRACK && /\S/.test(text.charAt(cut.length))) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/** All whitespace runs to one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Only the head of a long text can survive a cut to `max`: work on that (descriptions can be 100 KB).
 * Unless whitespace is most of the head, the result is the same as working on the whole text.
 */
export function head(text: string, max: number): string {
  return text.length > max * HEAD_FACTOR ? `${text.slice(0, max * HEAD_FACTOR)} …` : text;
}

/** One line, cut to `max`. */
export function oneLineCut(text: string, max: number): string {
  return truncate(oneLine(head(text, max)), max);
}

/** Trailing spaces off every line, at most one blank line in a row, no blank edges. */
export function tidyLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd());
  const out: string[] = [];
  for (const line of lines) {
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** The first sentence (or line) of a description, on one line, cut to `max`. */
export function summaryOf(description: string, max: number): string {
  const firstLine = tidyLines(head(description, max))[0] ?? '';
  const sentence = /^(.+?(?:[.!?](?=\s|$)|[。！？]))/u.exec(firstLine)?.[1] ?? firstLine;
  return truncate(oneLine(sentence), max);
}

/**
 * A JSDoc block at `indent`. One line (`/** text *\/`) when there is one short line, else the
 * usual multi-line form. Empty input gives no block at all.
 */
export function jsdoc(lines: readonly string[], indent: string): string {
  const safe = lines.map(commentSafe);
  if (safe.length === 0) return '';
  if (safe.length === 1 && !safe[0]!.includes('\n')) return `${indent}/** ${safe[0]} */\n`;
  const body = safe.map((l) => (l === '' ? `${indent} *` : `${indent} * ${l}`)).join('\n');
  return `${indent}/**\n${body}\n${indent} */\n`;
}

/** A TypeScript literal type for a JSON scalar, or undefined when the value has no literal type. */
export function literal(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A property key as written in an object type: bare when it is an identifier, else quoted. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** A short, comment-safe, one-line rendering of a JSON value (for `@default`). */
export function shortJson(value: unknown, max: number): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  return commentSafe(truncate(text ?? String(value), max));
}
