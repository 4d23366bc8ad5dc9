import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import { ToolgateError } from '../../../src/errors.js';

/** The issue lines of the TG_CONFIG_INVALID thrown for `raw`, or [] when it loads. */
function issuesOf(raw: unknown): string[] {
  try {
    parseConfig(raw);
    return [];
  } catch (error) {
    if (!(error instanceof ToolgateError) || error.code !== 'TG_CONFIG_INVALID') throw error;
    return (error.data?.issues as string[] | undefined) ?? [];
  }
}

const consumer = (extra: Record<string, unknown>) => ({ consumers: [{ consumer: 'agent', ...extra }] });

describe('secrets in server config are references', () => {
  it('an inline bearer token is TG_CONFIG_INVALID at servers[0].headers.Authorization', () => {
    const raw = { servers: [{ id: 'jira', transport: 'http', url: 'https://mcp.example.com/jira', headers: { Authorization: 'Bearer sk_live_LITERAL' } }] };
    expect(issuesOf(raw)).toEqual(['servers[0].headers.Authorization: secret values must be referenced (env:NAME or file:/path), not written inline']);
  });

  it('the README examples load: env:, file:, embedded references, plain values', () => {
    const raw = {
      servers: [
        { id: 'jira', transport: 'http', url: 'https://mcp.example.com/jira', headers: { Authorization: 'env:JIRA_TOKEN', Accept: 'application/json' } },
        { id: 'stripe', transport: 'openapi', spec: '/etc/toolgate/stripe.json', headers: { Authorization: 'Bearer ${env:STRIPE_KEY}' } },
        { id: 'files', transport: 'stdio', command: 'node', env: { API_KEY: 'file:/run/secrets/files-key', LOG_LEVEL: 'debug' } },
      ],
    };
    expect(issuesOf(raw)).toEqual([]);
  });
});

describe('outbound.allowDomains entries are domains, as server egress is', () => {
  it('accepts hosts, *.suffix wildcards and a lone *', () => {
    expect(issuesOf(consumer({ outbound: { allowDomains: ['api.slack.com', '*.atlassian.net', 'API.Notion.com', '127.0.0.1', '*'] } }))).toEqual([]);
  });

  it.each(['https://api.slack.com/', 'api.slack.com/api', 'api.slack.com:443', 'slack.*', '', 'api slack.com'])('rejects %j naming its index', (entry) => {
    const issues = issuesOf(consumer({ outbound: { allowDomains: ['api.notion.com', entry] } }));
    expect(issues).toEqual([expect.stringMatching(/^consumers\[0\]\.outbound\.allowDomains\[1\]: expected a domain such as api\.slack\.com/)]);
  });
});

describe('overrides are keyed by tool ids or patterns', () => {
  it('accepts ids, globs and ids whose tool part has dots', () => {
    const overrides = { 'jira.search_issues': { description: 'x' }, 'jira.*': {}, '*': {}, 'notion.pages.retrieve': {}, 'slack.delete_*': {} };
    expect(issuesOf(consumer({ overrides }))).toEqual([]);
  });

  it.each(['search_issues', 'jira', 'Jira.search', 'jira.', '.search', 'jira.search issues'])('rejects the key %j with its path', (key) => {
    expect(issuesOf(consumer({ overrides: { [key]: { description: 'x' } } }))).toEqual([
      `consumers[0].overrides.${key}: expected a tool id <server>.<tool> or a pattern with * globs as the key, e.g. jira.search_issues or jira.*`,
    ]);
  });
});

describe('auth.jwt names exactly one key source', () => {
  const jwt = { issuer: 'https://idp.test', audience: 'toolgate' };

  it('accepts jwksUrl or jwksFile', () => {
    expect(issuesOf({ auth: { jwt: { ...jwt, jwksUrl: 'https://idp.test/jwks.json' } } })).toEqual([]);
    expect(issuesOf({ auth: { jwt: { ...jwt, jwksFile: '/etc/toolgate/jwks.json' } } })).toEqual([]);
  });

  it('rejects neither and both, at auth.jwt', () => {
    const expected = ['auth.jwt: needs exactly one of jwksUrl or jwksFile'];
    expect(issuesOf({ auth: { jwt } })).toEqual(expected);
    expect(issuesOf({ auth: { jwt: { ...jwt, jwksFile: '' } } })).toEqual([expect.stringMatching(/^auth\.jwt\.jwksFile: /)]);
    expect(issuesOf({ auth: { jwt: { ...jwt, jwksUrl: 'https://idp.test/jwks.json', jwksFile: '/etc/jwks.json' } } })).toEqual(expected);
  });
});

describe('listen.trustProxy names reverse proxies', () => {
  it('accepts IPv4 and IPv6 addresses and CIDR ranges', () => {
    expect(issuesOf({ listen: { trustProxy: ['10.0.0.5', '10.0.0.0/8', '::1', 'fd00::/8'] } })).toEqual([]);
  });

  it('refuses what is no address, a bad prefix, and a range of every address, naming the entry', () => {
    expect(issuesOf({ listen: { trustProxy: ['proxy.internal', '10.0.0.0/33', '0.0.0.0/0', '::/0'] } })).toEqual([
      'listen.trustProxy[0]: expected an IP address or CIDR range of a reverse proxy, e.g. 10.0.0.5 or 10.0.0.0/8',
      'listen.trustProxy[1]: expected an IP address or CIDR range of a reverse proxy, e.g. 10.0.0.5 or 10.0.0.0/8',
      'listen.trustProxy[2]: a range of every address would let any client choose its X-Forwarded-For; name the proxies',
      'listen.trustProxy[3]: a range of every address would let any client choose its X-Forwarded-For; name the proxies',
    ]);
  });
});
