/**
 * @module test/bench/tokens-estates — the estates the token benchmark measures: singles in a fixed order,
 * unions that grow to every tool, the docker-registry folder read as one estate, and the listing a client
 * aggregating servers would send (names prefixed by server, annotations kept).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fullListing, loadEstates, SINGLE_ESTATES, toRecord } from '../../bench/tokens-estates.js';

const dir = mkdtempSync(join(tmpdir(), 'toolgate-estates-'));
const tool = (name: string) => ({ name, description: `Does ${name}.`, inputSchema: { type: 'object', properties: { id: { type: 'string' } } } });
for (const name of SINGLE_ESTATES.filter((n) => n !== 'docker-registry')) {
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ server: name, tools: [tool('a'), tool('b')] }));
}
mkdirSync(join(dir, 'docker-registry'));
writeFileSync(join(dir, 'docker-registry', 'ref.json'), JSON.stringify({ server: 'ref', tools: [{ ...tool('search'), annotations: { readOnlyHint: true } }] }));
writeFileSync(join(dir, 'docker-registry', 'sentry.json'), JSON.stringify({ server: 'sentry', tools: [tool('issues')] }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadEstates', () => {
  const estates = loadEstates(dir);

  it('reads every single estate, the docker-registry folder as one', () => {
    expect(estates.slice(0, SINGLE_ESTATES.length).map((e) => [e.name, e.tools.length])).toEqual(SINGLE_ESTATES.map((n) => [n, 2]));
    expect([...estates.find((e) => e.name === 'docker-registry')!.servers]).toEqual(['ref', 'sentry']);
  });

  it('grows unions monotonically up to every tool', () => {
    const unions = estates.slice(SINGLE_ESTATES.length).map((e) => e.tools.length);
    expect(unions).toEqual([8, 12, 14, 16, 18]);
    expect(estates.at(-1)!.servers.size).toBe(SINGLE_ESTATES.length - 1 + 2);
  });
});

describe('fullListing and toRecord', () => {
  const raw = [{ server: 'ref', tool: { ...tool('search'), annotations: { readOnlyHint: true } } }];

  it('prefixes names by server and keeps annotations, as an aggregating client lists them', () => {
    expect(JSON.parse(fullListing(raw))).toEqual({
      tools: [{ name: 'ref__search', description: 'Does search.', inputSchema: tool('search').inputSchema, annotations: { readOnlyHint: true } }],
    });
  });

  it('builds a ToolRecord with id <server>.<tool> and a content hash', () => {
    const record = toRecord(raw[0]!);
    expect(record).toMatchObject({ id: 'ref.search', server: 'ref', name: 'search', annotations: { readOnlyHint: true } });
    expect(record.hash).toMatch(/^[0-9a-f]{16}$/);
  });
});
