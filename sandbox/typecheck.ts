/**
 * @module sandbox/typecheck — opt-in type-check of the model's code against the declarations it was shown.
 *
 * Uses the TypeScript 5.9 compiler API on an in-memory program: the code (wrapped in an async function,
 * as it runs), the caller's declarations text, the sandbox's own globals and the ES2023 library. Library
 * files are parsed once per process and reused. Only the code's own diagnostics are returned, positioned
 * in the code as the model wrote it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import type { Diagnostic } from './types.js';

/** Diagnostics returned at most; the first few are what a model fixes first anyway. */
export const MAX_DIAGNOSTICS = 20;

const CODE_FILE = '/toolgate/code.ts';
const DECLARATIONS_FILE = '/toolgate/declarations.d.ts';
const GLOBALS_FILE = '/toolgate/sandbox-globals.d.ts';
/** The wrapper ends its first line, so line N of the wrapped code is line N of the model's code. */
const CODE_PREFIX = 'async function __toolgate_main() {\n';
const CODE_SUFFIX = '\n}\n';

/** What the sandbox defines besides the tools (sandbox/bootstrap.ts). */
const SANDBOX_GLOBALS = `
interface ToolgateConsole {
  log(...values: unknown[]): void;
  info(...values: unknown[]): void;
  warn(...values: unknown[]): void;
  error(...values: unknown[]): void;
  debug(...values: unknown[]): void;
}
declare const console: ToolgateConsole;
/** Waits \`ms\` milliseconds, within the execution's wall-time limit. */
declare function sleep(ms: number): Promise<void>;
`;

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  strict: true,
  // Models write quick scripts; untyped callback parameters are not what the check is for.
  noImplicitAny: false,
  noEmit: true,
  types: [],
  skipLibCheck: true,
  allowJs: false,
};

const LIB_DIR = dirname(ts.getDefaultLibFilePath(OPTIONS));
const libFiles = new Map<string, ts.SourceFile | undefined>();
let globalsFile: ts.SourceFile | undefined;
/** Declarations texts kept parsed (least recently used first out): one per consumer in active use. */
const MAX_CACHED_DECLARATIONS = 8;
const declarationFiles = new Map<string, ts.SourceFile>();
/** Handed to the next program so it reuses the unchanged library files' structure. */
let lastProgram: ts.Program | undefined;

export function typecheck(code: string, declarations: string): Diagnostic[] {
  const codeFile = ts.createSourceFile(
    CODE_FILE,
    CODE_PREFIX + code + CODE_SUFFIX,
    ts.ScriptTarget.ES2022,
    true,
    ts.ScriptKind.TS,
  );
  const declarationsFile = declarationsSource(declarations);
  globalsFile ??= ts.createSourceFile(GLOBALS_FILE, SANDBOX_GLOBALS, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const virtual = new Map([
    [CODE_FILE, codeFile],
    [DECLARATIONS_FILE, declarationsFile],
    [GLOBALS_FILE, globalsFile],
  ]);
  const host: ts.CompilerHost = {
    getSourceFile: (fileName) => virtual.get(fileName) ?? libFile(fileName),
    getDefaultLibFileName: (options) => join(LIB_DIR, ts.getDefaultLibFileName(options)),
    getDefaultLibLocation: () => LIB_DIR,
    writeFile: () => undefined,
    getCurrentDirectory: () => '/toolgate',
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (fileName) => virtual.has(fileName) || libFile(fileName) !== undefined,
    readFile: () => undefined,
  };
  const program = ts.createProgram([GLOBALS_FILE, DECLARATIONS_FILE, CODE_FILE], OPTIONS, host, lastProgram);
  lastProgram = program;
  const found = [...program.getSyntacticDiagnostics(codeFile), ...program.getSemanticDiagnostics(codeFile)];
  return found.slice(0, MAX_DIAGNOSTICS).map((d) => toDiagnostic(d, codeFile, code));
}

/**
 * The gateway passes the same declarations text (every tool a consumer may use, possibly megabytes)
 * again and again; parsing and binding it is reused while the text is unchanged.
 */
function declarationsSource(text: string): ts.SourceFile {
  let file = declarationFiles.get(text);
  if (file === undefined) {
    file = ts.createSourceFile(DECLARATIONS_FILE, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    if (declarationFiles.size >= MAX_CACHED_DECLARATIONS)
      declarationFiles.delete(declarationFiles.keys().next().value as string);
  } else {
    declarationFiles.delete(text);
  }
  declarationFiles.set(text, file);
  return file;
}

function libFile(fileName: string): ts.SourceFile | undefined {
  if (!fileName.startsWith(LIB_DIR)) return undefined;
  if (!libFiles.has(fileName)) {
    let file: ts.SourceFile | undefined;
    try {
      file = ts.createSourceFile(fileName, readFileSync(fileName, 'utf8'), ts.ScriptTarget.ES2022, false);
    } catch {
      file = undefined;
    }
    libFiles.set(fileName, file);
  }
  return libFiles.get(fileName);
}

function toDiagnostic(d: ts.Diagnostic, file: ts.SourceFile, code: string): Diagnostic {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  const lines = code.split('\n').length;
  const at = file.getLineAndCharacterOfPosition(d.start ?? 0);
  // Line 0 is the wrapper's; past the code is its closing brace (an unclosed block): clamp to the code.
  const line = Math.min(Math.max(at.line, 1), lines);
  const column = at.line >= 1 && at.line <= lines ? at.character + 1 : 1;
  return { line, column, message, tsCode: d.code };
}
