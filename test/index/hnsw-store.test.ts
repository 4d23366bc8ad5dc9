import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HNSW_EF_SEARCH, HnswStore } from '../../index/hnsw-store.js';

/** Unit vector along axis `i` (dimension 8), slightly tilted so neighbours are unambiguous. */
function axis(i: number, tilt = 0): number[] {
  const v = Array.from({ length: 8 }, (_, j) => (j === i ? 1 : j === (i + 1) % 8 ? tilt : 0));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('HnswStore', () => {
  it('finds the nearest id by cosine similarity', () => {
    const store = new HnswStore(8);
    for (let i = 0; i < 8; i++) store.upsert(`t${i}`, axis(i));
    const hits = store.search(axis(3, 0.1), 2);
    expect(hits[0]?.id).toBe('t3');
    expect(hits[0]?.score).toBeGreaterThan(0.99);
  });

  it('accepts a Float32Array and rejects a wrong dimension', () => {
    const store = new HnswStore(8);
    store.upsert('a', new Float32Array(axis(0)));
    expect(store.search(axis(0), 1)[0]?.id).toBe('a');
    expect(() => store.upsert('b', [1, 0])).toThrow('dimension 2');
  });

  it('updates a vector in place under the same id', () => {
    const store = new HnswStore(8);
    store.upsert('a', axis(0));
    store.upsert('b', axis(1));
    store.upsert('a', axis(5));
    expect(store.size).toBe(2);
    expect(store.slots).toBe(2);
    expect(store.search(axis(5), 1)[0]?.id).toBe('a');
  });

  it('removes an id from results and reuses its slot for the next add', () => {
    const store = new HnswStore(8);
    for (let i = 0; i < 4; i++) store.upsert(`t${i}`, axis(i));
    expect(store.remove('t2')).toBe(true);
    expect(store.remove('t2')).toBe(false);
    expect(store.search(axis(2), 4).map((h) => h.id)).not.toContain('t2');
    store.upsert('n', axis(6));
    expect(store.slots).toBe(4);
    expect(store.size).toBe(4);
    expect(store.search(axis(6), 1)[0]?.id).toBe('n');
  });

  it('grows its capacity when full', () => {
    const store = new HnswStore(8, { initialCapacity: 4 });
    for (let i = 0; i < 10; i++) store.upsert(`t${i}`, axis(i % 8, i / 10));
    expect(store.size).toBe(10);
    expect(store.capacity).toBe(16);
  });

  it('filters inside the search: rejected ids never appear', () => {
    const store = new HnswStore(8);
    for (let i = 0; i < 8; i++) store.upsert(`t${i}`, axis(i));
    const hits = store.search(axis(0), 3, (id) => id !== 't0');
    expect(hits).toHaveLength(3);
    expect(hits.map((h) => h.id)).not.toContain('t0');
  });

  it('still fills k slots when nearly every near neighbour is rejected', () => {
    const store = new HnswStore(8);
    for (let i = 0; i < 60; i++) store.upsert(`t${i}`, axis(i % 8, (i + 1) / 61));
    const allowed = new Set(['t1', 't2', 't3']);
    const hits = store.search(axis(0), 3, (id) => allowed.has(id));
    expect(hits.map((h) => h.id).sort()).toEqual(['t1', 't2', 't3']);
  });

  it('returns fewer than k but at least `atLeast` accepted ids without a filtered walk', () => {
    const store = new HnswStore(8);
    for (let i = 0; i < 8; i++) store.upsert(`t${i}`, axis(i));
    const hits = store.search(axis(0), 4, (id) => id !== 't0' && id !== 't1', 1);
    expect(hits.length).toBeGreaterThanOrEqual(1);
    expect(hits.map((h) => h.id)).not.toContain('t0');
    expect(hits.map((h) => h.id)).not.toContain('t1');
  });

  it('round-trips through a file, ef set again and removed slots still reused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tg-hnsw-'));
    dirs.push(dir);
    const store = new HnswStore(8, { efSearch: 40 });
    for (let i = 0; i < 6; i++) store.upsert(`t${i}`, axis(i));
    store.remove('t1');
    await store.write(join(dir, 'x.hnsw'));
    const back = new HnswStore(8, { efSearch: 40 });
    await back.read(join(dir, 'x.hnsw'), store.state());
    expect(back.efSearch).toBe(40);
    expect(back.size).toBe(5);
    expect(back.search(axis(4), 1)[0]?.id).toBe('t4');
    expect(back.search(axis(1), 5).map((h) => h.id)).not.toContain('t1');
    back.upsert('new', axis(1));
    expect(back.slots).toBe(6);
    expect(back.search(axis(1), 1)[0]?.id).toBe('new');
  });

  it('defaults efSearch to the named constant', () => {
    expect(new HnswStore(8).efSearch).toBe(HNSW_EF_SEARCH);
  });
});
