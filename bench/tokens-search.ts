/**
 * @module bench/tokens-search — `search_tools` over an estate exactly as the gateway answers it: the hybrid
 * index with the built-in embedder, bindings over every tool, and the gateway's own `searchTools` (which
 * renders with `renderWithinBudget`) for the local consumer that may see everything.
 */
import type { ToolRecord } from '../catalog/types.js';
import { BuiltinEmbedder } from '../index/embedders/builtin.js';
import { createSearchIndex } from '../index/search-index.js';
import type { SearchIndex } from '../index/types.js';
import { bindingsFor } from '../sandbox/naming.js';
import type { Binding } from '../sandbox/types.js';
import { DEFAULT_SEARCH_LIMIT } from '../src/config/schema.js';
import { searchTools } from '../src/gateway/search.js';
import { compilePolicy, LOCAL_CONSUMER, type ConsumerPolicy } from '../src/policy/compile.js';

export interface EstateSearch {
  readonly index: SearchIndex;
  /** Seconds the index build took (embedding included). */
  readonly buildSeconds: number;
  /** The text of the `search_tools` response for these arguments. */
  search(args: { query: string; limit?: number; detail?: 'full' | 'names' }): Promise<string>;
  /** How code calls a tool: `namespace.member`; throws when the tool is not in the estate. */
  call(toolId: string): string;
}

/** Builds the hybrid index over `records` and returns the gateway's search over it. */
export async function estateSearch(records: readonly ToolRecord[]): Promise<EstateSearch> {
  const started = performance.now();
  const index = createSearchIndex({ embedder: new BuiltinEmbedder() });
  await index.rebuild(records);
  const buildSeconds = (performance.now() - started) / 1000;
  const { bindings } = bindingsFor(records);
  const byId = new Map<string, Binding>(bindings.map((b) => [b.toolId, b]));
  const policy = compilePolicy({}).consumer(LOCAL_CONSUMER);
  const deps = {
    index,
    defaultLimit: DEFAULT_SEARCH_LIMIT,
    bindings: () => bindings,
    visibleTo: (p: ConsumerPolicy) => (r: ToolRecord) => p.visible(r),
    deprecated: () => ({}),
    boost: () => 1,
    browse: () => '',
  };
  return {
    index,
    buildSeconds,
    async search(args) {
      const result = await searchTools(deps, policy, args);
      const first = result.content[0];
      if (result.isError || first?.type !== 'text') throw new Error(`search_tools failed for ${JSON.stringify(args)}: ${JSON.stringify(result.content)}`);
      return first.text;
    },
    call(toolId) {
      const binding = byId.get(toolId);
      if (!binding) throw new Error(`task uses ${toolId}, which this estate does not bind`);
      return `${binding.namespace}.${binding.member}`;
    },
  };
}
