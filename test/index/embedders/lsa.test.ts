import { describe, expect, it } from 'vitest';
import { fitBasis, type SparseRow } from '../../../index/embedders/lsa.js';

const FEATURES = 64;

function row(entries: [number, number][]): SparseRow {
  return { idx: Int32Array.from(entries.map(([i]) => i)), val: Float32Array.from(entries.map(([, v]) => v)) };
}

function dense(r: SparseRow): Float64Array {
  const out = new Float64Array(FEATURES);
  r.idx.forEach((i, k) => (out[i] = (out[i] ?? 0) + (r.val[k] ?? 0)));
  return out;
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
};

const project = (basis: Float64Array[], x: Float64Array): number[] => basis.map((col) => dot(col, x));

/** Deterministic sparse rows: 5 features each, spread over the space. */
const rows = Array.from({ length: 40 }, (_, r) => row(Array.from({ length: 5 }, (_, k) => [(r * 7 + k * 13) % FEATURES, 1 + ((r + k) % 3)])));

describe('fitBasis', () => {
  it('returns orthonormal columns', () => {
    const basis = fitBasis(rows, FEATURES, 16);
    expect(basis).toHaveLength(16);
    for (let a = 0; a < basis.length; a++) {
      for (let b = 0; b < basis.length; b++) expect(dot(basis[a]!, basis[b]!)).toBeCloseTo(a === b ? 1 : 0, 8);
    }
  });

  it('keeps every dot product with the rows exactly when there are no more rows than the rank', () => {
    const few = rows.slice(0, 10);
    const basis = fitBasis(few, FEATURES, 16);
    expect(basis.length).toBeLessThanOrEqual(10);
    const query = dense(row([[7, 1], [20, 2], [33, 1]]));
    for (const r of few) {
      const d = dense(r);
      expect(dot(project(basis, query), project(basis, d))).toBeCloseTo(dot(query, d), 8);
    }
  });

  it('is deterministic for the same rows and seed', () => {
    const a = fitBasis(rows, FEATURES, 8);
    const b = fitBasis(rows, FEATURES, 8);
    expect(a.map((c) => Array.from(c))).toEqual(b.map((c) => Array.from(c)));
  });
});
