import { afterEach, describe, expect, it } from 'vitest';
import { repairTool } from '../../catalog/list-tools.js';
import { Upstream } from '../../catalog/upstream.js';
import { fixtureConfig, TEST_BACKOFF } from './support.js';

describe('repairTool', () => {
  it('keeps a valid definition as it is', () => {
    const tool = { name: 'ok', description: 'd', inputSchema: { type: 'object', properties: { a: { type: 'string' } } } };
    expect(repairTool(tool)).toEqual(tool);
  });

  it('reads a missing input schema, or one without type, as an object schema', () => {
    expect(repairTool({ name: 'bare' })).toEqual({ name: 'bare', inputSchema: { type: 'object' } });
    expect(repairTool({ name: 'untyped', inputSchema: { properties: { q: { type: 'string' } } } })).toEqual({
      name: 'untyped',
      inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
    });
  });

  it('names why a definition is skipped', () => {
    expect(repairTool({ name: 'str', inputSchema: { type: 'string' } })).toMatch(/^str \(inputSchema\.type: /);
    expect(repairTool({ description: 'x' })).toBe('a tool without a name');
    expect(repairTool(7)).toBe('a tool entry that is not an object');
  });
});

describe('listing a server with malformed definitions', () => {
  let up: Upstream | undefined;
  afterEach(() => up?.close());

  it('repairs what it can, skips the rest with a warning, and stays healthy', async () => {
    up = new Upstream(fixtureConfig('paged', 'paged.mjs', ['--tools', '12', '--page', '5', '--malformed']), { backoff: TEST_BACKOFF });
    await up.start();
    expect(up.health).toBe('healthy');
    const names = up.records().map((r) => r.name);
    expect(names.slice(0, 2)).toEqual(['no_type', 'no_schema']);
    expect(names).toHaveLength(14);
    expect(up.warning).toMatch(/^skipped 2 invalid tool definitions: string_schema \(inputSchema\.type: .*\), a tool without a name$/);
  });
});
