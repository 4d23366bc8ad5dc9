/**
 * @module sandbox/transpile — the model's TypeScript or JavaScript → one async function for the isolate.
 *
 * The code is wrapped in `(async () => {\n … \n})` before esbuild strips the types, so top-level `await`
 * and `return` work; the wrapper's first line ends in a newline, so line N of the wrapped source is line
 * N of the model's code. esbuild's source map (made only when an error needs placing) carries positions
 * back through its reformatting.
 * Code that is one expression (`(async () => {...})()`, `async () => {...}`) is returned as a value, so
 * the usual model habits still give a result. The wrapper is no security boundary: the isolate is.
 */
import { transform, transformSync, type Message, type TransformFailure } from 'esbuild';
import { SourceMap } from 'node:module';

/** The name the isolate gives the model's code in stack traces. */
export const CODE_FILENAME = 'model-code.js';

export interface Position {
  /** 1-based, in the code as the model wrote it. */
  readonly line: number;
  readonly column: number;
}

export interface CompiledCode {
  /** A script whose completion value is the async function to run. */
  readonly js: string;
  /** The code is one expression; if its value is a function, the runner calls it. */
  readonly expression: boolean;
  /** Maps a 1-based line/column of `js` (as V8 reports it) to the model's code. */
  toOriginal(line: number, column: number): Position | undefined;
}

export type TranspileOutcome =
  | { readonly ok: true; readonly compiled: CompiledCode }
  | { readonly ok: false; readonly message: string; readonly position?: Position };

const STATEMENTS_PREFIX = '(async () => {\n';
const STATEMENTS_SUFFIX = '\n})';
const EXPRESSION_PREFIX = '(async () => { return (\n';
const EXPRESSION_SUFFIX = '\n); })';
/** Only code that starts like a function or a parenthesised expression is tried as one expression. */
const LOOKS_LIKE_EXPRESSION = /^\s*(\(|async\b|function\b)/;
/** A static import or export statement: the code runs as a function body, not as a module. */
const MODULE_SYNTAX = /^\s*(import\s*[\w{*'"]|export\b)/;

/**
 * Async on purpose: esbuild's sync API blocks the event loop on a round trip to its service (~1 ms of
 * main-thread time, far more under load); the async one leaves the thread to other executions.
 */
export async function transpile(code: string): Promise<TranspileOutcome> {
  const userLines = countLines(code);
  if (LOOKS_LIKE_EXPRESSION.test(code)) {
    const asExpression = await tryTransform(EXPRESSION_PREFIX + code + EXPRESSION_SUFFIX, userLines);
    if (asExpression.ok) return { ok: true, compiled: { ...asExpression.compiled, expression: true } };
  }
  return tryTransform(STATEMENTS_PREFIX + code + STATEMENTS_SUFFIX, userLines);
}

const TRANSFORM_OPTIONS = {
  loader: 'ts',
  // V8 in Node 20 lacks some newer syntax (`using`); esbuild lowers it.
  target: 'es2022',
  sourcefile: 'code.ts',
} as const;

async function tryTransform(wrapped: string, userLines: number): Promise<TranspileOutcome> {
  let js: string;
  try {
    js = (await transform(wrapped, TRANSFORM_OPTIONS)).code;
  } catch (error) {
    return syntaxFailure(error, userLines);
  }
  // The map is only needed to place a runtime error, so it is made then (sync: errors are rare, and
  // the caller's path is sync there): esbuild's output is the same with or without it.
  let map: SourceMap | undefined;
  const toOriginal = (line: number, column: number): Position | undefined => {
    map ??= new SourceMap(
      JSON.parse(transformSync(wrapped, { ...TRANSFORM_OPTIONS, sourcemap: 'external', sourcesContent: false }).map),
    );
    const entry = map.findEntry(line - 1, column - 1);
    if (!('originalLine' in entry)) return undefined;
    return clampToCode(entry.originalLine, entry.originalColumn + 1, userLines);
  };
  return { ok: true, compiled: { js, expression: false, toOriginal } };
}

function syntaxFailure(error: unknown, userLines: number): TranspileOutcome {
  const first: Message | undefined = (error as Partial<TransformFailure>).errors?.[0];
  if (first === undefined) return { ok: false, message: `SyntaxError: ${String(error)}` };
  if (first.location === null) return { ok: false, message: `SyntaxError: ${first.text}` };
  const { line, column, lineText } = first.location;
  // esbuild lines are 1-based in the wrapped source (= 0-based in the model's code), columns 0-based.
  const position = clampToCode(line - 1, column + 1, userLines);
  if (line - 1 > userLines) {
    return {
      ok: false,
      message: 'SyntaxError: the code ends inside an unclosed block, call, array or string',
      position: { line: userLines, column: 1 },
    };
  }
  if (MODULE_SYNTAX.test(lineText)) {
    const message =
      'SyntaxError: import and export are not available; tools are globals (`await <namespace>.<tool>(args)`)';
    return { ok: false, message, position: { line: position.line, column: 1 } };
  }
  return { ok: false, message: `SyntaxError: ${first.text}`, position };
}

/** A position on the wrapper's own lines (an unclosed brace) is reported at the nearest line of code. */
function clampToCode(line: number, column: number, userLines: number): Position {
  if (line < 1) return { line: 1, column: 1 };
  if (line > userLines) return { line: userLines, column: 1 };
  return { line, column };
}

function countLines(code: string): number {
  let lines = 1;
  for (let i = code.indexOf('\n'); i !== -1; i = code.indexOf('\n', i + 1)) lines++;
  return lines;
}
