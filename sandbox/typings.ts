/**
 * @module sandbox/typings — the declaration generator's public face: JSON Schemas of tools → the
 * TypeScript declarations the model codes against, full or names-only, optionally under a size budget.
 * Pure functions, no I/O; the pieces live in `sandbox/typings/`. What the model reads, e.g.:
 *
 *   declare namespace jira {
 *     /**
 *      * Get an issue by its key.
 *      *
 *      * @title Get issue
 *      * @id jira.get-issue
 *      * @hints read-only
 *      *\/
 *     function get_issue(args: {
 *       /** Issue key, e.g. PROJ-1 *\/
 *       issueKey: string;
 *       fields?: ("summary" | "status")[];
 *     }): Promise<unknown>;
 *   }
 *
 * and in 'names' mode one line a tool: `// jira.get_issue (id jira.get-issue) — Get an issue by its key.`
 * The output is always valid TypeScript (tested with the compiler, and over every estate tool in bench/).
 */
export { declarationsFor } from './typings/declarations.js';
export { renderWithinBudget, CHARS_PER_TOKEN, DEFAULT_TOKEN_BUDGET, COMPACT_LIMITS, NAMES_HEADER } from './typings/budget.js';
export type { BudgetOptions, BudgetResult } from './typings/budget.js';
export {
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_ENUM_MEMBERS,
  DEFAULT_MAX_DESCRIPTION_CHARS,
  DEFAULT_MAX_PROPERTY_DESCRIPTION_CHARS,
  DEFAULT_MAX_PROPERTIES,
  DEFAULT_MAX_NODES,
  DEFAULT_MAX_SUMMARY_CHARS,
  MAX_SCHEMA_HOPS,
} from './typings/options.js';
export type { DeclarationOptions, Detail } from './typings/options.js';
