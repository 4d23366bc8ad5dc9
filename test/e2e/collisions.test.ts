/**
 * Two upstream tools that end at the same identifier (`get-issue` and `get_issue` both become
 * `tracker.get_issue`): one is bound, the other is rejected — never shown in search or browse, and named
 * with the tool it collides with in its server's warning (admin catalog, `toolgate catalog`).
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SERVERS, fixtureServer, REPO_ROOT, run, startGateway, tempDir, textOf, type TestGateway } from '../support/gateway.js';

describe('identifier collisions', () => {
  const dir = tempDir('toolgate-collide-');
  let gateway: TestGateway;
  let client: Client;

  beforeAll(async () => {
    const toolsFile = join(dir.path, 'tools.json');
    writeFileSync(
      toolsFile,
      JSON.stringify([
        { name: 'get_issue', description: 'Fetch one issue by key.' },
        { name: 'get-issue', description: 'Fetch one issue by key (legacy spelling).' },
        { name: 'list_issues', description: 'List the issues of a project.' },
      ]),
    );
    gateway = await startGateway({ servers: [fixtureServer('tracker', 'file-listed.mjs', [toolsFile])] });
    client = await gateway.connect();
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
    dir.remove();
  });

  it('binds the name that needs no change and calls it', async () => {
    expect(JSON.parse(textOf(await run(client, `return await tracker.get_issue({ key: 'T-1' });`)))).toEqual({ tool: 'get_issue', args: { key: 'T-1' } });
  });

  it('never shows the rejected tool: not in search, not counted in browse', async () => {
    const found = textOf(await client.callTool({ name: 'search_tools', arguments: { query: 'fetch issue legacy spelling', server: 'tracker' } }));
    expect(found).toContain('get_issue');
    expect(found).not.toContain('legacy spelling');
    expect(textOf(await client.callTool({ name: 'search_tools', arguments: {} }))).toMatch(/tracker \(2 tools\)/);
  });

  it("names both tools in the server's warning, in the admin view and in toolgate catalog", async () => {
    const tracker = gateway.runtime.gateway.servers().find((s) => s.meta.id === 'tracker');
    expect(tracker?.warning).toMatch(/not bound: .*tracker\.get-issue.*tracker\.get_issue|not bound: .*tracker\.get_issue.*tracker\.get-issue/);
    const config = join(dir.path, 'toolgate.yaml');
    writeFileSync(config, `dataDir: ${join(dir.path, 'cli-data')}\nservers:\n  - id: tracker\n    transport: stdio\n    command: ${process.execPath}\n    args: [${join(FIXTURE_SERVERS, 'file-listed.mjs')}, ${join(dir.path, 'tools.json')}]\n`);
    const { stdout } = await promisify(execFile)(process.execPath, ['--no-node-snapshot', join(REPO_ROOT, 'dist/src/cli.js'), 'catalog', '--config', config], { timeout: 30_000 });
    expect(stdout).toMatch(/tracker\s+approved\s+healthy\s+3\s+-\s+not bound: .*get-issue/);
  }, 60_000);
});
