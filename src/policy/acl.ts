/**
 * @module src/policy/acl — one consumer's allow/deny rules and THE authorization function.
 *
 * Semantics (DESIGN.md "Policy semantics"): deny beats allow; no allow rule matching means default deny;
 * `["*"]` allows all. The same function answers "may it be seen in search_tools" and "may it be called",
 * so a tool hidden from search can never be called. Each decision names the rule that decided it.
 */
import { ToolgateError } from '../errors.js';
import { deny, type Decision } from './decision.js';
import { compilePattern, isCanonicalToolId, type ToolMatcher } from './glob.js';

export interface Rule {
  /** As the audit log shows it: `deny.tools[0]=slack.delete_channel`, `allow.toolGroups[1]=notion-read`. */
  readonly label: string;
  readonly matchers: readonly ToolMatcher[];
}

export interface AclRules {
  readonly deny: readonly Rule[];
  readonly allow: readonly Rule[];
}

export interface RuleLists {
  readonly toolGroups?: readonly string[];
  readonly tools?: readonly string[];
}

/** Decisions cached per consumer; past this many distinct ids the cache starts over (bounds memory against junk ids). */
export const MAX_CACHED_DECISIONS = 50_000; // entries per consumer

function rulesOf(
  kind: 'allow' | 'deny',
  lists: RuleLists | undefined,
  groups: ReadonlyMap<string, readonly ToolMatcher[]>,
  path: string,
): Rule[] {
  const rules: Rule[] = [];
  (lists?.toolGroups ?? []).forEach((name, i) => {
    const matchers = groups.get(name);
    if (!matchers) {
      throw new ToolgateError('TG_CONFIG_INVALID', `${path}.${kind}.toolGroups[${i}]: unknown tool group "${name}"`, {
        path: `${path}.${kind}.toolGroups[${i}]`,
      });
    }
    rules.push({ label: `${kind}.toolGroups[${i}]=${name}`, matchers });
  });
  (lists?.tools ?? []).forEach((pattern, i) => {
    rules.push({ label: `${kind}.tools[${i}]=${pattern}`, matchers: [compilePattern(pattern)] });
  });
  return rules;
}

/** Builds a consumer's rules; an unknown group name is a TG_CONFIG_INVALID naming its config path. */
export function buildRules(
  consumer: { readonly allow?: RuleLists; readonly deny?: RuleLists },
  groups: ReadonlyMap<string, readonly ToolMatcher[]>,
  path: string,
): AclRules {
  return { allow: rulesOf('allow', consumer.allow, groups, path), deny: rulesOf('deny', consumer.deny, groups, path) };
}

function firstMatch(rules: readonly Rule[], toolId: string): Rule | undefined {
  for (const rule of rules) {
    for (const m of rule.matchers) if (m.test(toolId)) return rule;
  }
  return undefined;
}

/** Decides without the cache. */
export function decide(consumer: string, rules: AclRules, toolId: string): Decision {
  if (!isCanonicalToolId(toolId)) {
    return deny('TG_TOOL_NOT_FOUND', `${JSON.stringify(toolId)} is not a tool id.`, 'malformed-id');
  }
  const denied = firstMatch(rules.deny, toolId);
  if (denied) return deny('TG_ACL_DENIED', `${toolId} is not allowed for ${consumer}.`, denied.label);
  const allowed = firstMatch(rules.allow, toolId);
  if (allowed) return { allowed: true, rule: allowed.label };
  return deny('TG_ACL_DENIED', `${toolId} is not allowed for ${consumer}.`, 'default-deny');
}

export interface Authorizer {
  authorize(toolId: string): Decision;
  clear(): void;
}

/** The cached authorization function of one consumer. Decisions are frozen, so sharing them is safe. */
export function createAuthorizer(consumer: string, rules: AclRules): Authorizer {
  const cache = new Map<string, Decision>();
  return {
    authorize(toolId) {
      let decision = cache.get(toolId);
      if (decision === undefined) {
        decision = Object.freeze(decide(consumer, rules, toolId));
        if (cache.size >= MAX_CACHED_DECISIONS) cache.clear();
        cache.set(toolId, decision);
      }
      return decision;
    },
    clear: () => cache.clear(),
  };
}
