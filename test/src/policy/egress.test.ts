import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../../src/policy/compile.js';
import { checkEgress, compileDomains } from '../../../src/policy/egress.js';
import { loadTriageConfig, SERVERS } from './triage-fixture.js';

describe('egress', () => {
  const agent = compilePolicy(loadTriageConfig()).consumer('daily-triage-agent');

  it('allows servers whose declared domains are all on the DESIGN.md example list', () => {
    expect(checkEgress(SERVERS.jira, agent.egress, agent.name)).toEqual({ allowed: true });
    expect(checkEgress(SERVERS.notion, agent.egress, agent.name)).toEqual({ allowed: true });
  });

  it('blocks a server reaching one domain outside the list and names it', () => {
    expect(checkEgress(SERVERS.slack, agent.egress, agent.name)).toEqual({
      allowed: false, code: 'TG_EGRESS_BLOCKED', rule: 'outbound.allowDomains(missing files.slack.com)',
      reason: 'server slack reaches files.slack.com, which is not in the outbound allow-list of daily-triage-agent.',
    });
  });

  it('allows a server that declares no egress', () => {
    expect(checkEgress({ id: 'memory', egress: [] }, compileDomains([]), 'c').allowed).toBe(true);
  });

  it('matches wildcards on subdomains only, case- and trailing-dot-insensitively, with IDN as punycode', () => {
    const m = compileDomains(['*.example.com', 'API.Slack.com', 'bücher.de']);
    expect(m.allows('a.example.com')).toBe(true);
    expect(m.allows('a.b.example.com')).toBe(true);
    expect(m.allows('example.com')).toBe(false);
    expect(m.allows('badexample.com')).toBe(false);
    expect(m.allows('api.slack.com.')).toBe(true);
    expect(m.allows('api.slack.com:443')).toBe(true);
    expect(m.allows('xn--bcher-kva.de')).toBe(true);
    expect(m.allows('api.slack.com.evil.io')).toBe(false);
  });
});
