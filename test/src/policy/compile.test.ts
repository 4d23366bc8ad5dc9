import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src/config/schema.js';
import { compilePolicy, LOCAL_CONSUMER } from '../../../src/policy/compile.js';
import { lintPolicy } from '../../../src/policy/lint.js';
import { ToolgateError } from '../../../src/errors.js';
import { loadTriageConfig, TOOL_IDS } from './triage-fixture.js';

const AGENT = 'daily-triage-agent';

describe('compilePolicy with the DESIGN.md example policy', () => {
  const config = loadTriageConfig();
  const policy = compilePolicy(config);
  const agent = policy.consumer(AGENT);

  it('decides every fixture tool with the rule that decided', () => {
    const rules = Object.fromEntries(TOOL_IDS.map((id) => [id, agent.authorize(id)]));
    expect(rules['jira.search_issues']).toEqual({ allowed: true, rule: 'allow.toolGroups[0]=jira-triage' });
    expect(rules['jira.delete_issue']).toMatchObject({ allowed: false, code: 'TG_ACL_DENIED', rule: 'deny.tools[1]=jira.delete_issue' });
    expect(rules['notion.get_page']).toEqual({ allowed: true, rule: 'allow.toolGroups[1]=notion-read' });
    expect(rules['notion.create_page']).toMatchObject({ allowed: false, code: 'TG_ACL_DENIED', rule: 'default-deny' });
    expect(rules['slack.post_message']).toEqual({ allowed: true, rule: 'allow.toolGroups[2]=slack-post' });
    expect(rules['slack.delete_message']).toEqual({ allowed: true, rule: 'allow.toolGroups[2]=slack-post' });
    expect(rules['slack.delete_channel']).toMatchObject({ allowed: false, rule: 'deny.tools[0]=slack.delete_channel' });
    expect(rules['slack.get_channel_history']).toMatchObject({ allowed: false, rule: 'default-deny' });
  });

  it('shows in search exactly the tools it allows for calls', () => {
    for (const id of TOOL_IDS) expect(agent.visible({ id })).toBe(agent.authorize(id).allowed);
    expect(TOOL_IDS.filter((id) => agent.visible({ id }))).toEqual([
      'jira.search_issues', 'jira.get_issue', 'jira.create_issue', 'jira.transition_issue', 'jira.add_comment',
      'notion.search', 'notion.get_page', 'notion.query_database',
      'slack.post_message', 'slack.list_channels', 'slack.delete_message',
    ]);
  });

  it('merges the consumer limits over the gateway defaults', () => {
    expect(agent.limits).toEqual({ rateLimitPerMinute: 120, toolRateLimitPerMinute: 30 });
  });

  it('compiles the outbound allow-list', () => {
    expect(agent.egress.allows('api.slack.com')).toBe(true);
    expect(agent.egress.allows('files.slack.com')).toBe(false);
  });

  it('gives a message the model can read when it denies', () => {
    const d = agent.authorize('jira.delete_issue');
    expect(d.allowed === false && d.reason).toBe('jira.delete_issue is not allowed for daily-triage-agent.');
  });

  it('answers the same after the cache is invalidated', () => {
    const before = TOOL_IDS.map((id) => agent.authorize(id));
    policy.invalidate();
    expect(TOOL_IDS.map((id) => agent.authorize(id))).toEqual(before);
  });

  it('lints clean against the fixture catalog', () => {
    expect(lintPolicy(policy, TOOL_IDS).filter((i) => i.severity === 'error')).toEqual([]);
  });
});

function compileYaml(partial: unknown) {
  return compilePolicy(ConfigSchema.parse(partial));
}

describe('allow and deny semantics', () => {
  it('allows everything with ["*"] and denies everything with no allow list', () => {
    const p = compileYaml({ consumers: [{ consumer: 'all', allow: { tools: ['*'] } }, { consumer: 'none' }] });
    expect(p.authorize('all', 'slack.delete_channel')).toEqual({ allowed: true, rule: 'allow.tools[0]=*' });
    expect(p.authorize('none', 'slack.post_message')).toMatchObject({ allowed: false, rule: 'default-deny' });
  });

  it('lets deny beat allow even when allow is more specific', () => {
    const p = compileYaml({
      toolGroups: { danger: ['slack.delete_*'] },
      consumers: [{ consumer: 'c', allow: { tools: ['slack.delete_channel'] }, deny: { toolGroups: ['danger'] } }],
    });
    expect(p.authorize('c', 'slack.delete_channel')).toMatchObject({ allowed: false, rule: 'deny.toolGroups[0]=danger' });
  });

  it('matches server globs within the server id only and tool globs across dots', () => {
    const p = compileYaml({ consumers: [{ consumer: 'c', allow: { tools: ['ji*.*', 'fs.read.*'] } }] });
    expect(p.authorize('c', 'jira.get.issue').allowed).toBe(true);
    expect(p.authorize('c', 'fs.read.file.text').allowed).toBe(true);
    expect(p.authorize('c', 'fs.readfile').allowed).toBe(false);
  });

  it('uses a built-in local consumer allowing all when the config names none', () => {
    const p = compileYaml({});
    expect(p.authorize(LOCAL_CONSUMER, 'any.tool').allowed).toBe(true);
    expect(p.consumer(LOCAL_CONSUMER).egress.allows('example.org')).toBe(true);
  });
});

describe('overrides', () => {
  const p = compileYaml({
    consumers: [{
      consumer: 'c',
      allow: { tools: ['*'] },
      overrides: {
        'jira.*': { overrideParams: { project: 'OPS', visibility: 'internal' } },
        'jira.create_issue': { description: 'Create an OPS ticket.', overrideParams: { project: 'OPS-2' } },
      },
    }],
  });

  it('applies glob entries then the exact entry, field by field', () => {
    expect(p.consumer('c').override('jira.create_issue')).toEqual({
      description: 'Create an OPS ticket.',
      pinned: { project: 'OPS-2', visibility: 'internal' },
    });
    expect(p.consumer('c').override('jira.get_issue')).toEqual({ pinned: { project: 'OPS', visibility: 'internal' } });
    expect(p.consumer('c').override('slack.post_message')).toBeUndefined();
  });

  it('returns frozen pins so no caller can change them', () => {
    expect(Object.isFrozen(p.consumer('c').override('jira.get_issue')?.pinned)).toBe(true);
  });
});

describe('malformed policy is a coded error naming its path', () => {
  function errorOf(fn: () => unknown): ToolgateError {
    try {
      fn();
    } catch (e) {
      if (e instanceof ToolgateError) return e;
      throw e;
    }
    throw new Error('expected a ToolgateError');
  }

  it('rejects a reference to an unknown tool group', () => {
    const e = errorOf(() => compileYaml({ consumers: [{ consumer: 'c', allow: { toolGroups: ['nope'] } }] }));
    expect(e.code).toBe('TG_CONFIG_INVALID');
    expect(e.message).toBe('consumers[0].allow.toolGroups[0]: unknown tool group "nope"');
  });

  it('rejects a group with no pattern', () => {
    const e = errorOf(() => compileYaml({ toolGroups: { empty: [] } }));
    expect(e.message).toBe('toolGroups.empty: the group names no tool');
  });

  it('rejects a consumer defined twice', () => {
    const e = errorOf(() => compileYaml({ consumers: [{ consumer: 'c' }, { consumer: 'c' }] }));
    expect(e.message).toBe('consumers[1].consumer: "c" is defined twice');
  });

  it('rejects a stdioConsumer that names no consumer', () => {
    const e = errorOf(() => compileYaml({ consumers: [{ consumer: 'c' }], stdioConsumer: 'd' }));
    expect(e.message).toBe('stdioConsumer: no consumer named "d" is configured');
  });

  it('names an unknown consumer with TG_CONSUMER_UNKNOWN, thrown or as a decision', () => {
    const p = compilePolicy(loadTriageConfig());
    expect(errorOf(() => p.consumer('ghost')).code).toBe('TG_CONSUMER_UNKNOWN');
    expect(p.authorize('ghost', 'jira.get_issue')).toMatchObject({ allowed: false, code: 'TG_CONSUMER_UNKNOWN', rule: 'unknown-consumer' });
  });

  it('reports a group whose patterns match no catalog tool as a lint error', () => {
    const p = compileYaml({ toolGroups: { ghosts: ['github.*'], half: ['jira.*', 'gitlab.*'] } });
    expect(lintPolicy(p, TOOL_IDS)).toEqual([
      { severity: 'error', path: 'toolGroups.ghosts', message: 'tool group "ghosts" names no tool in the catalog' },
      { severity: 'warning', path: 'toolGroups.half[1]', message: 'pattern "gitlab.*" matches no tool in the catalog' },
    ]);
  });
});
