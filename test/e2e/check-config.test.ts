/**
 * `toolgate check-config` as a process: it rejects what `serve` would (inline secrets, unvalidated policy
 * values, a JWT config without exactly one key source), and lints the policy against the tools of the
 * configured servers: warnings are printed, a group naming no tool exits 2. Runs the built CLI.
 */
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SERVERS, REPO_ROOT, tempDir } from '../support/gateway.js';

const execFileAsync = promisify(execFile);
const CLI = join(REPO_ROOT, 'dist/src/cli.js');
const TIMEOUT_MS = 60_000;

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('toolgate check-config', () => {
  const dir = tempDir();
  let count = 0;
  afterAll(() => dir.remove());
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  });

  /** Writes `yaml` to a fresh file and runs check-config on it; never throws on a non-zero exit. */
  async function checkConfig(yaml: string, ...args: string[]): Promise<Outcome> {
    const file = join(dir.path, `toolgate-${(count += 1)}.yaml`);
    writeFileSync(file, yaml);
    return execFileAsync(process.execPath, ['--no-node-snapshot', CLI, 'check-config', '--config', file, ...args], { cwd: dir.path, timeout: TIMEOUT_MS }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: Outcome) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  }

  const jira = `  - id: jira
    transport: stdio
    command: ${process.execPath}
    args: [${join(FIXTURE_SERVERS, 'product.mjs')}, jira]
    env: { LOG_LEVEL: debug }
`;

  it('an inline bearer token in headers or an API key in env exits 2 naming each path; plain values pass', async () => {
    const result = await checkConfig(`servers:
  - id: remote
    transport: http
    url: https://mcp.example.com/jira
    headers: { Authorization: "Bearer sk_live_LITERAL", Accept: application/json }
  - id: files
    transport: stdio
    command: node
    env: { API_KEY: plaintext, NODE_ENV: production }
`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('TG_CONFIG_INVALID');
    expect(result.stderr).toContain('servers[0].headers.Authorization: secret values must be referenced (env:NAME or file:/path), not written inline');
    expect(result.stderr).toContain('servers[1].env.API_KEY: secret values must be referenced');
    expect(result.stderr).not.toContain('Accept');
    expect(result.stderr).not.toContain('NODE_ENV');
  }, TIMEOUT_MS);

  it('a URL in allowDomains and an override keyed by a bare tool name exit 2 with their paths', async () => {
    const result = await checkConfig(`consumers:
  - consumer: agent
    outbound: { allowDomains: ["api.atlassian.com", "https://api.slack.com/"] }
    overrides:
      search_issues: { description: "never applied" }
`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('consumers[0].outbound.allowDomains[1]: expected a domain');
    expect(result.stderr).toContain('consumers[0].overrides.search_issues: expected a tool id <server>.<tool>');
  }, TIMEOUT_MS);

  it('auth.jwt without jwksUrl or jwksFile exits 2, as serve would', async () => {
    const result = await checkConfig('auth:\n  jwt: { issuer: "https://idp.test", audience: toolgate }\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('auth.jwt: needs exactly one of jwksUrl or jwksFile');
  }, TIMEOUT_MS);

  it('a tool group that names no tool of the catalog exits 2; a dead pattern in a live group is a warning', async () => {
    const result = await checkConfig(`servers:
${jira}toolGroups:
  jira-read: ["jira.get_*", "jira.nothing_*"]
  notion-read: ["notion.retrieve*"]
consumers:
  - consumer: agent
    allow: { toolGroups: [jira-read, notion-read] }
`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('warning: toolGroups.jira-read[1]: pattern "jira.nothing_*" matches no tool in the catalog');
    expect(result.stderr).toContain('TG_CONFIG_INVALID');
    expect(result.stderr).toContain('toolGroups.notion-read: tool group "notion-read" names no tool in the catalog');
  }, TIMEOUT_MS);

  it('with only warnings it passes, says how many tools it checked against, and prints each warning', async () => {
    const result = await checkConfig(`servers:
${jira}toolGroups:
  jira-read: ["jira.get_*", "jira.nothing_*"]
consumers:
  - consumer: agent
    allow: { toolGroups: [jira-read], tools: ["jira.search_issues", "jira.no_such_tool"] }
`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ok (1 servers, 1 consumers, 1 tool groups); policy checked against 4 tools, 2 warnings');
    expect(result.stderr).toContain('warning: toolGroups.jira-read[1]: pattern "jira.nothing_*" matches no tool in the catalog');
    expect(result.stderr).toContain('warning: consumers[0].allow.tools[1]: pattern "jira.no_such_tool" of agent matches no tool in the catalog');
  }, TIMEOUT_MS);

  it('a server it cannot reach is a warning, and groups that may be its own are then only warnings', async () => {
    const result = await checkConfig(`servers:
${jira}  - id: notion
    transport: stdio
    command: ${process.execPath}
    args: [${join(FIXTURE_SERVERS, 'crashy.mjs')}, --crash-on-start]
    connectTimeoutMs: 5000
toolGroups:
  notion-read: ["notion.retrieve*"]
`);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: servers\[1\]: could not reach notion \(.+\); the policy was not checked against its tools/);
    expect(result.stderr).toContain('warning: toolGroups.notion-read: tool group "notion-read" names no tool in the catalog');
  }, TIMEOUT_MS);

  it('--offline validates without connecting, so it does not lint', async () => {
    const result = await checkConfig(`servers:
${jira}toolGroups:
  notion-read: ["notion.retrieve*"]
`, '--offline');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ok (1 servers, 0 consumers, 1 tool groups); policy not checked against a catalog');
    expect(result.stderr).toBe('');
  }, TIMEOUT_MS);

  it('never starts a blocked server: check-config and catalog leave it alone and say so', async () => {
    const marker = join(dir.path, 'blocked-server-started');
    const blocked = `  - id: suspect
    transport: stdio
    status: blocked
    command: ${process.execPath}
    args: ["-e", "require('node:fs').writeFileSync('${marker}', 'ran')"]
`;
    const yaml = `servers:\n${jira}${blocked}consumers:\n  - consumer: agent\n    allow: { tools: ["jira.*"] }\n`;
    const result = await checkConfig(yaml);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('warning: servers[1]: suspect is blocked: not started, the policy was not checked against its tools');
    const file = join(dir.path, 'blocked.yaml');
    writeFileSync(file, yaml);
    const listed = await execFileAsync(process.execPath, ['--no-node-snapshot', CLI, 'catalog', '--config', file], { cwd: dir.path, timeout: TIMEOUT_MS }).catch((e: Outcome) => e);
    expect(listed.stdout).toMatch(/suspect\s+blocked\s+stopped\s+0\s+-\s+blocked in config: not started/);
    expect(existsSync(marker)).toBe(false);
  }, TIMEOUT_MS);
});
