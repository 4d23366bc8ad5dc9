import { describe, expect, it } from 'vitest';
import { diffRecords, isEmptyDiff } from '../../catalog/diff.js';
import { toToolRecord } from '../../catalog/tool-record.js';

const record = (name: string, description = `${name} tool`) => toToolRecord('s', { name, description, inputSchema: { type: 'object' } });

describe('diffRecords', () => {
  it('reports everything as added against an empty listing', () => {
    const diff = diffRecords('s', [], [record('a'), record('b')]);
    expect(diff.added.map((r) => r.id)).toEqual(['s.a', 's.b']);
    expect(diff.changed).toEqual([]);
    expect(diff.removed).toEqual([]);
  });

  it('separates added, changed (by hash) and removed tools', () => {
    const before = [record('keep'), record('edit'), record('drop')];
    const after = [record('keep'), record('edit', 'rewritten'), record('new')];
    const diff = diffRecords('s', before, after);
    expect(diff).toEqual({ server: 's', added: [after[2]], changed: [after[1]], removed: ['s.drop'] });
  });

  it('is empty when only the order changed', () => {
    const diff = diffRecords('s', [record('a'), record('b')], [record('b'), record('a')]);
    expect(isEmptyDiff(diff)).toBe(true);
  });
});
