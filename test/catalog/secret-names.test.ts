import { describe, expect, it } from 'vitest';
import { OpenApiServerSchema } from '../../catalog/openapi/config.js';
import { INLINE_SECRET_MESSAGE, isSecretReference, isSensitiveName, NamedValuesSchema } from '../../catalog/secrets.js';
import { ServerConfigSchema } from '../../catalog/server-config.js';

const SENSITIVE = [
  'Authorization', 'authorization', 'Proxy-Authorization', 'Cookie', 'Set-Cookie',
  'X-Auth-Token', 'GITHUB_TOKEN', 'accessToken', 'CLIENT_SECRET', 'DB_PASSWORD', 'MYSQL_PASSWD',
  'apikey', 'X-API-Key', 'x-api-key', 'api_key', 'OPENAI_API_KEY', 'STRIPE_KEY', 'KEY', 'accessKey', 'AWS_ACCESS_KEY_ID',
  'GOOGLE_APPLICATION_CREDENTIALS', 'PRIVATE_KEY_PEM', 'SESSION_ID', 'sessionId', 'OAUTH_CLIENT', 'BASIC_AUTH', 'X-Auth', 'x-amz-security-token', 'GITHUB_PAT', 'GPG_PASSPHRASE', 'TOKEN',
];
const PLAIN = ['Accept', 'Content-Type', 'User-Agent', 'X-Request-Id', 'LOG_LEVEL', 'NODE_ENV', 'PATH', 'MEMORY_FILE_PATH', 'KEYCLOAK_URL', 'MONKEY', 'HOCKEY_TEAM', 'DEBUG', 'GIT_AUTHOR_NAME', 'AUTHOR', 'SESSION_TIMEOUT', 'PRIVATE_REGISTRY_URL', 'TOKENIZERS_PARALLELISM', 'MAX_TOKENS', 'SSH_KEY_PATH', 'OAUTH_CLIENT_ID', 'TOKEN_URL', 'PATH_PREFIX'];

describe('which header and environment names carry secrets', () => {
  it.each(SENSITIVE)('%s is sensitive', (name) => expect(isSensitiveName(name)).toBe(true));
  it.each(PLAIN)('%s is not', (name) => expect(isSensitiveName(name)).toBe(false));

  it('a reference is the whole value or embedded in it; anything else is a literal', () => {
    expect(isSecretReference('env:API_TOKEN')).toBe(true);
    expect(isSecretReference('file:/run/secrets/token')).toBe(true);
    expect(isSecretReference('Bearer ${env:API_TOKEN}')).toBe(true);
    expect(isSecretReference('Bearer sk_live_LITERAL')).toBe(false);
    expect(isSecretReference('env:')).toBe(false);
    expect(isSecretReference('')).toBe(false);
    // The embedded pattern is global: a second test must not depend on the first's lastIndex.
    expect(isSecretReference('x ${env:A}')).toBe(true);
    expect(isSecretReference('x ${env:A}')).toBe(true);
  });
});

describe('secret values in headers and env must be referenced, not inlined', () => {
  it('names the entry whose value is inline and accepts literals under plain names', () => {
    const result = NamedValuesSchema.safeParse({ Accept: 'application/json', Authorization: 'Bearer sk_live_LITERAL', 'X-Api-Key': 'env:KEY' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['Authorization'], message: INLINE_SECRET_MESSAGE })]);
  });

  it('an http server with an inline Authorization header is rejected at its path', () => {
    const result = ServerConfigSchema.safeParse({ id: 'jira', transport: 'http', url: 'https://mcp.example.com', headers: { Authorization: 'Bearer sk_live_LITERAL' } });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['headers.Authorization', INLINE_SECRET_MESSAGE]]);
  });

  it('an sse server and an openapi server are held to the same rule', () => {
    expect(ServerConfigSchema.safeParse({ id: 's', transport: 'sse', url: 'https://x.test', headers: { Cookie: 'sid=abc' } }).success).toBe(false);
    expect(OpenApiServerSchema.safeParse({ id: 'o', transport: 'openapi', spec: 'x.json', headers: { 'X-API-Key': 'abc123' } }).success).toBe(false);
    expect(OpenApiServerSchema.safeParse({ id: 'o', transport: 'openapi', spec: 'x.json', headers: { Authorization: 'Basic ${env:B}', Accept: 'application/json' } }).success).toBe(true);
  });

  it('a stdio server may pass plain settings inline, but not an API key', () => {
    const base = { id: 'files', transport: 'stdio', command: 'node' };
    expect(ServerConfigSchema.safeParse({ ...base, env: { LOG_LEVEL: 'debug', NODE_ENV: 'production', API_KEY: 'file:/run/secrets/k' } }).success).toBe(true);
    const inline = ServerConfigSchema.safeParse({ ...base, env: { API_KEY: 'plaintext' } });
    expect(inline.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([`env.API_KEY: ${INLINE_SECRET_MESSAGE}`]);
  });
});
