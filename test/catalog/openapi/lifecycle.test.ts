/**
 * The OpenAPI server's config and life: a spec that cannot be loaded yet is retried with backoff, a
 * re-index reloads the spec and reports what changed, a failed reload keeps the tools it had.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenApiServerSchema, openApiEgress } from '../../../catalog/openapi/config.js';
import { OpenApiUpstream } from '../../../catalog/openapi/openapi-upstream.js';
import type { CatalogDiff, ServerHealth } from '../../../catalog/types.js';
import type { UpstreamOptions } from '../../../catalog/upstream.js';
import { FIXTURE_SPECS } from '../../fixtures/openapi/pet-server.js';
import { TEST_BACKOFF, waitUntil } from '../support.js';

const open: OpenApiUpstream[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((u) => u.close()));
});

/** A backoff so slow that only an explicit refresh can retry within a test. */
const SLOW_BACKOFF = { ...TEST_BACKOFF, baseMs: 600_000, maxMs: 600_000 };

function upstream(spec: string, options: Partial<UpstreamOptions> = {}): { up: OpenApiUpstream; diffs: CatalogDiff[]; health: ServerHealth[] } {
  const diffs: CatalogDiff[] = [];
  const health: ServerHealth[] = [];
  const config = OpenApiServerSchema.parse({ id: 'pets', transport: 'openapi', spec });
  const up = new OpenApiUpstream(config, { backoff: TEST_BACKOFF, ...options, onDiff: (d) => diffs.push(d), onHealth: (h) => health.push(h) });
  open.push(up);
  return { up, diffs, health };
}

describe('OpenApiServerSchema', () => {
  it('applies the common defaults and rejects unknown fields and inlined-looking junk', () => {
    const config = OpenApiServerSchema.parse({ id: 'jira', transport: 'openapi', spec: './jira.json', baseUrl: 'https://acme.atlassian.net' });
    expect(config).toEqual({
      id: 'jira', transport: 'openapi', spec: './jira.json', baseUrl: 'https://acme.atlassian.net', headers: {}, hiddenParams: [],
      status: 'approved', tags: [], egress: [], autoApproveNewTools: false, callTimeoutMs: 30_000, connectTimeoutMs: 15_000,
    });
    expect(OpenApiServerSchema.safeParse({ id: 'jira', transport: 'openapi', spec: 'x', url: 'https://x' }).success).toBe(false);
    expect(OpenApiServerSchema.safeParse({ id: 'Jira.X', transport: 'openapi', spec: 'x' }).success).toBe(false);
    expect(OpenApiServerSchema.safeParse({ id: 'jira', transport: 'openapi', spec: 'x', baseUrl: 'not a url' }).success).toBe(false);
  });

  it('implies the base URL\'s host as egress, from config or from the spec', () => {
    expect(openApiEgress({ egress: ['Auth.Example.com'], baseUrl: 'https://API.acme.test/v1' })).toEqual(['auth.example.com', 'api.acme.test']);
    expect(openApiEgress({ egress: [] }, 'https://api.notion.com/')).toEqual(['api.notion.com']);
    expect(openApiEgress({ egress: [], baseUrl: 'https://override.test' }, 'https://api.notion.com/')).toEqual(['override.test']);
    expect(openApiEgress({ egress: [] })).toEqual([]);
  });
});

describe('OpenApiUpstream life', () => {
  it('is unhealthy while its spec cannot be read and becomes healthy once it can, by itself', async () => {
    const spec = join(mkdtempSync(join(tmpdir(), 'tg-openapi-')), 'later.yaml');
    const { up, health } = upstream(spec);
    await up.start();
    expect(up.health).toBe('unhealthy');
    expect(up.lastError).toBe(`cannot read the OpenAPI spec ${spec}: ENOENT`);
    expect(up.egress()).toEqual([]);
    await expect(up.callTool('listPets', {})).rejects.toMatchObject({ code: 'TG_UPSTREAM_UNAVAILABLE' });
    copyFileSync(FIXTURE_SPECS + 'petstore.yaml', spec);
    await waitUntil(() => up.health === 'healthy', 'the spec loads on retry');
    expect(health.slice(0, 2)).toEqual(['connecting', 'unhealthy']);
    expect(up.lastError).toBeUndefined();
    expect(up.records()).toHaveLength(12);
    expect(up.egress()).toEqual(['pets.example.test']);
  });

  it('reloads the spec on refresh and reports changed, added and removed tools', async () => {
    const spec = join(mkdtempSync(join(tmpdir(), 'tg-openapi-')), 'pets.yaml');
    const original = readFileSync(FIXTURE_SPECS + 'petstore.yaml', 'utf8');
    writeFileSync(spec, original);
    const { up, diffs } = upstream(spec);
    await up.start();
    await up.refresh();
    expect(diffs).toHaveLength(1); // same spec: nothing changed
    writeFileSync(spec, original.replace('summary: Show one pet', 'summary: Show one pet (now also deletes it)').replace('operationId: slowOp', 'operationId: slowOperation'));
    await up.refresh();
    expect(diffs).toHaveLength(2);
    expect(diffs[1]!.changed.map((r) => r.id)).toEqual(['pets.show_pet_by_id']);
    expect(diffs[1]!.added.map((r) => r.id)).toEqual(['pets.slowOperation']);
    expect(diffs[1]!.removed).toEqual(['pets.slowOp']);
  });

  it('keeps its tools and sets a warning when a reload fails', async () => {
    const spec = join(mkdtempSync(join(tmpdir(), 'tg-openapi-')), 'pets.yaml');
    copyFileSync(FIXTURE_SPECS + 'petstore.yaml', spec);
    const { up } = upstream(spec);
    await up.start();
    writeFileSync(spec, 'openapi: [broken');
    await up.refresh();
    expect(up.health).toBe('healthy');
    expect(up.records()).toHaveLength(12);
    expect(up.warning).toMatch(/^reloading the spec failed: cannot parse the OpenAPI spec /);
  });

  it('retries at once on refresh while down, instead of waiting out the backoff', async () => {
    const spec = join(mkdtempSync(join(tmpdir(), 'tg-openapi-')), 'later.yaml');
    const { up } = upstream(spec, { backoff: SLOW_BACKOFF });
    await up.start();
    expect(up.health).toBe('unhealthy');
    copyFileSync(FIXTURE_SPECS + 'petstore.yaml', spec);
    await up.refresh();
    expect(up.health).toBe('healthy');
    await up.start(); // a running upstream is left as it is
    expect(up.records()).toHaveLength(12);
  });

  it('diffs its first load against the tools of the server it replaces (config reload)', async () => {
    const first = upstream(FIXTURE_SPECS + 'petstore.yaml');
    await first.up.start();
    const second = upstream(FIXTURE_SPECS + 'petstore.yaml', { previous: first.up.records() });
    await second.up.start();
    expect(second.up.records()).toHaveLength(12);
    expect(second.diffs).toEqual([]);
  });
});
