/**
 * @module src/policy/compile — the policy part of the config compiled once, at load, into runtime objects.
 *
 * Per consumer: the authorization function (shared by search visibility and calls), description overrides,
 * pinned parameters, the egress allow-list and limits merged over the gateway defaults. The hot path then
 * does no parsing: a call costs a Map lookup once the decision for (consumer, tool id) is cached.
 */
import type { ConsumerConfig, LimitsConfig } from '../config/schema.js';
import { ToolgateError } from '../errors.js';
import { buildRules, createAuthorizer, type AclRules } from './acl.js';
import { deny, type Decision } from './decision.js';
import { compileDomains, type DomainMatcher } from './egress.js';
import { compilePattern, type ToolMatcher } from './glob.js';
import { compileOverrides, type ToolOverride } from './overrides.js';

/** The consumer used when the config names none (local, single-user mode): everything allowed. */
export const LOCAL_CONSUMER = 'local';

export interface PolicyConfig {
  readonly toolGroups?: Readonly<Record<string, readonly string[]>>;
  readonly consumers?: readonly ConsumerConfig[];
  /** Gateway-wide defaults; a consumer's own limits win field by field. */
  readonly limits?: LimitsConfig;
  /** The consumer stdio sessions run as; must name a configured consumer. */
  readonly stdioConsumer?: string;
}

export interface ConsumerPolicy {
  readonly name: string;
  /** THE authorization function: decides what search_tools shows and what a call may do. */
  authorize(toolId: string): Decision;
  /** `authorize(record.id).allowed`, in the shape `SearchOptions.visible` takes. */
  visible(record: { readonly id: string }): boolean;
  /** Description override and pinned parameters for a tool, or undefined when none applies. */
  override(toolId: string): ToolOverride | undefined;
  readonly egress: DomainMatcher;
  readonly limits: Readonly<LimitsConfig>;
  readonly rules: AclRules;
}

export interface CompiledPolicy {
  readonly consumers: ReadonlyMap<string, ConsumerPolicy>;
  readonly groups: ReadonlyMap<string, readonly ToolMatcher[]>;
  /** The consumer's policy; throws TG_CONSUMER_UNKNOWN for a name the config does not hold. */
  consumer(name: string): ConsumerPolicy;
  /** Like `consumer(name).authorize(toolId)`, with an unknown consumer as a TG_CONSUMER_UNKNOWN decision. */
  authorize(consumer: string, toolId: string): Decision;
  /** Drops cached decisions; call on every catalog change. */
  invalidate(): void;
}

function mergeLimits(defaults: LimitsConfig | undefined, own: LimitsConfig | undefined): Readonly<LimitsConfig> {
  const merged: Record<string, number> = {};
  for (const source of [defaults, own]) {
    for (const [key, value] of Object.entries(source ?? {})) if (value !== undefined) merged[key] = value;
  }
  return Object.freeze(merged as LimitsConfig);
}

function compileGroups(toolGroups: PolicyConfig['toolGroups']): Map<string, readonly ToolMatcher[]> {
  const groups = new Map<string, readonly ToolMatcher[]>();
  for (const [name, patterns] of Object.entries(toolGroups ?? {})) {
    if (patterns.length === 0) {
      throw new ToolgateError('TG_CONFIG_INVALID', `toolGroups.${name}: the group names no tool`, { path: `toolGroups.${name}` });
    }
    groups.set(name, Object.freeze(patterns.map(compilePattern)));
  }
  return groups;
}

const LOCAL: ConsumerConfig = { consumer: LOCAL_CONSUMER, allow: { tools: ['*'], toolGroups: [] }, outbound: { allowDomains: ['*'] } };

export function compilePolicy(config: PolicyConfig): CompiledPolicy {
  const groups = compileGroups(config.toolGroups);
  const consumerConfigs = config.consumers && config.consumers.length > 0 ? config.consumers : [LOCAL];
  const consumers = new Map<string, ConsumerPolicy>();
  const caches: Array<() => void> = [];
  consumerConfigs.forEach((c, i) => {
    const path = `consumers[${i}]`;
    if (consumers.has(c.consumer)) {
      throw new ToolgateError('TG_CONFIG_INVALID', `${path}.consumer: "${c.consumer}" is defined twice`, { path: `${path}.consumer` });
    }
    const rules = buildRules(c, groups, path);
    const authorizer = createAuthorizer(c.consumer, rules);
    const overrides = compileOverrides(c.overrides);
    caches.push(authorizer.clear, overrides.clear);
    consumers.set(
      c.consumer,
      Object.freeze({
        name: c.consumer,
        authorize: authorizer.authorize,
        visible: (record: { readonly id: string }) => authorizer.authorize(record.id).allowed,
        override: overrides.get,
        egress: compileDomains(c.outbound?.allowDomains ?? []),
        limits: mergeLimits(config.limits, c.limits),
        rules,
      }),
    );
  });

  if (config.stdioConsumer !== undefined && !consumers.has(config.stdioConsumer)) {
    throw new ToolgateError('TG_CONFIG_INVALID', `stdioConsumer: no consumer named "${config.stdioConsumer}" is configured`, { path: 'stdioConsumer' });
  }

  function consumer(name: string): ConsumerPolicy {
    const found = consumers.get(name);
    if (!found) throw new ToolgateError('TG_CONSUMER_UNKNOWN', `no consumer named "${name}" is configured.`, { consumer: name });
    return found;
  }

  return Object.freeze({
    consumers,
    groups,
    consumer,
    authorize(name: string, toolId: string): Decision {
      const found = consumers.get(name);
      if (!found) return deny('TG_CONSUMER_UNKNOWN', `no consumer named "${name}" is configured.`, 'unknown-consumer');
      return found.authorize(toolId);
    },
    invalidate() {
      for (const clear of caches) clear();
    },
  });
}
