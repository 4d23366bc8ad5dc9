/**
 * @module sandbox/json-depth — how deep JSON from the isolate nests, checked before the host parses it.
 *
 * The host's `JSON.parse` copes with any depth, but the gateway's later recursive steps (validation,
 * `JSON.stringify` of the response) overflow the stack near ten thousand levels. Code could return
 * `[[[[…]]]]` that deep within a small size budget, so values and arguments deeper than this are refused.
 */

/** Deepest nesting of arrays/objects accepted from the isolate; real tool data stays far below it. */
export const MAX_JSON_DEPTH = 100;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** True when `json` (valid JSON) nests deeper than `limit`. One pass, no allocation. */
export function nestsDeeperThan(json: string, limit: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}
