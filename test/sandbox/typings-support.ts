/**
 * @module test/sandbox/typings-support — helpers for the declaration tests: a one-tool fixture maker and
 * an in-memory type-check of generated declarations with the real TypeScript compiler.
 */
import ts from 'typescript';
import type { ToolSignature } from '../../sandbox/types.js';

export function tool(partial: Partial<ToolSignature> & { inputSchema?: Record<string, unknown> }): ToolSignature {
  const server = partial.server ?? 'demo';
  const name = partial.name ?? 'run';
  return { id: `${server}.${name}`, server, name, description: '', inputSchema: { type: 'object' }, ...partial };
}

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  types: [],
  skipLibCheck: true,
};

/**
 * Type errors of each source, checked as its own module (so namespaces of different sources do not
 * merge), with `code` appended to exercise the declarations. Returns "file: message" lines.
 */
export function typeErrors(sources: readonly string[]): string[] {
  const files = new Map(sources.map((text, i) => [`/virtual/case${i}.ts`, `${text}\nexport {};\n`]));
  const host = ts.createCompilerHost(OPTIONS);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.fileExists = (name) => files.has(name) || ts.sys.fileExists(name);
  host.getSourceFile = (name, version, ...rest) => {
    const text = files.get(name);
    return text !== undefined ? ts.createSourceFile(name, text, version) : getSourceFile(name, version, ...rest);
  };
  const program = ts.createProgram({ rootNames: [...files.keys()], options: OPTIONS, host });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file !== undefined && files.has(d.file.fileName))
    .map((d) => `${d.file!.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}
