/**
 * @module sandbox/typings/declarations — `declarationsFor`: tools → the TypeScript text the model reads.
 * One `declare namespace <server> { ... }` per server, in order of first appearance (so a ranked list of
 * search hits keeps its order), tools in input order inside it. A tool without a binding (a name
 * collision loser) is left out: it cannot be called, so it must not be shown.
 */
import { bindingsFor } from '../naming.js';
import type { Binding, ToolSignature } from '../types.js';
import type { DeclarationOptions, Limits } from './options.js';
import { limitsOf } from './options.js';
import type { RenderStats } from './schema-context.js';
import { jsdoc } from './text.js';
import { deprecationOf, toolDeclaration, toolNameLine } from './tool-declaration.js';

export interface BoundTool {
  readonly tool: ToolSignature;
  readonly binding: Binding;
}

/**
 * Bindings by tool id, kept per bindings array: a caller passes the same list (the whole catalog's) on
 * every search, and indexing ~9,000 bindings each time would cost more than rendering ten declarations.
 */
const byIdCache = new WeakMap<readonly Binding[], ReadonlyMap<string, Binding>>();

function indexed(bindings: readonly Binding[]): ReadonlyMap<string, Binding> {
  let byId = byIdCache.get(bindings);
  if (byId === undefined) {
    byId = new Map(bindings.map((b) => [b.toolId, b]));
    byIdCache.set(bindings, byId);
  }
  return byId;
}

/** The tools that have a binding, first occurrence of each id, in input order. */
export function bindTools(tools: readonly ToolSignature[], options: DeclarationOptions): BoundTool[] {
  const byId = options.bindings === undefined ? indexed(bindingsFor(tools).bindings) : indexed(options.bindings);
  const seen = new Set<string>();
  const bound: BoundTool[] = [];
  for (const tool of tools) {
    const binding = byId.get(tool.id);
    if (binding === undefined || seen.has(tool.id)) continue;
    seen.add(tool.id);
    bound.push({ tool, binding });
  }
  return bound;
}

/** Full declarations, grouped by namespace; `blocks` are the rendered tools (same order as `items`). */
export function assembleFull(items: readonly BoundTool[], blocks: readonly string[], options: DeclarationOptions): string {
  const groups = new Map<string, { server: string; blocks: string[] }>();
  items.forEach((item, i) => {
    const group = groups.get(item.binding.namespace) ?? { server: item.tool.server, blocks: [] };
    group.blocks.push(blocks[i] ?? '');
    groups.set(item.binding.namespace, group);
  });
  const out: string[] = [];
  for (const [namespace, group] of groups) {
    const deprecated = deprecationOf(options, group.server);
    const doc = deprecated === undefined ? '' : jsdoc([deprecated], '');
    out.push(`${doc}declare namespace ${namespace} {\n${group.blocks.join('\n')}}\n`);
  }
  return out.join('\n');
}

export function renderFull(item: BoundTool, options: DeclarationOptions, limits: Limits, stats?: RenderStats): string {
  return toolDeclaration(item.tool, item.binding, options, limits, stats);
}

export function renderName(item: BoundTool, options: DeclarationOptions, limits: Limits): string {
  return toolNameLine(item.tool, item.binding, options, limits);
}

/**
 * The declarations of `tools`. Pure and deterministic; never throws on odd schemas. Pass
 * `options.bindings` computed over the caller's whole visible catalog so names agree with the sandbox.
 */
export function declarationsFor(tools: readonly ToolSignature[], options: DeclarationOptions = {}): string {
  const limits = limitsOf(options);
  const items = bindTools(tools, options);
  if (options.detail === 'names') return items.map((item) => renderName(item, options, limits)).join('');
  return assembleFull(items, items.map((item) => renderFull(item, options, limits)), options);
}
