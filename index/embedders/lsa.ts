/**
 * @module index/embedders/lsa — latent semantic analysis learned from the estate at index time: a
 * randomized range finder (Halko, Martinsson & Tropp 2011) over the sparse document×feature matrix
 * gives an orthonormal basis V (features × rank) of its dominant row space. Projecting any text onto
 * V keeps the tool-to-tool and query-to-tool dot products the estate cares most about in few dimensions
 * (exactly, when there are no more tools than dimensions), which hashing alone cannot do without
 * collisions. Only the span matters (cosines are rotation-invariant), so no eigen-solver is needed.
 */

/** One sparse row: feature slots and their weights. */
export interface SparseRow {
  readonly idx: Int32Array;
  readonly val: Float32Array;
}

/** Power iterations of the range finder: one sharpens the slowly decaying spectrum of text. */
const POWER_ITERATIONS = 1;
/** Columns whose norm falls below this after orthogonalisation are dependent: dropped. */
const RANK_EPSILON = 1e-8;

/** Deterministic Gaussian-ish numbers (sum of uniforms from mulberry32), so a fit is reproducible. */
function randomColumn(length: number, seed: number): Float64Array {
  const out = new Float64Array(length);
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  for (let i = 0; i < length; i++) out[i] = next() + next() + next() - 1.5;
  return out;
}

/** Modified Gram-Schmidt (one pass: float64 keeps it orthogonal enough here); dependent columns are removed. */
function orthonormalise(columns: Float64Array[]): Float64Array[] {
  const kept: Float64Array[] = [];
  for (const col of columns) {
    for (const q of kept) {
      let dot = 0;
      for (let i = 0; i < col.length; i++) dot += col[i]! * q[i]!;
      for (let i = 0; i < col.length; i++) col[i] = col[i]! - dot * q[i]!;
    }
    let norm = 0;
    for (let i = 0; i < col.length; i++) norm += col[i]! ** 2;
    norm = Math.sqrt(norm);
    if (norm < RANK_EPSILON) continue;
    for (let i = 0; i < col.length; i++) col[i] = col[i]! / norm;
    kept.push(col);
  }
  return kept;
}

/** A·x for a dense column x over features: one value per row. */
function times(rows: readonly SparseRow[], x: Float64Array): Float64Array {
  const out = new Float64Array(rows.length);
  rows.forEach((row, r) => {
    let s = 0;
    for (let i = 0; i < row.idx.length; i++) s += row.val[i]! * x[row.idx[i]!]!;
    out[r] = s;
  });
  return out;
}

/** Aᵀ·y for a dense column y over rows: one value per feature. */
function timesTransposed(rows: readonly SparseRow[], y: Float64Array, features: number): Float64Array {
  const out = new Float64Array(features);
  rows.forEach((row, r) => {
    const w = y[r] ?? 0;
    if (w === 0) return;
    for (let i = 0; i < row.idx.length; i++) {
      const f = row.idx[i]!;
      out[f] = out[f]! + w * row.val[i]!;
    }
  });
  return out;
}

/**
 * Orthonormal basis (at most `rank` columns, each of length `features`) of the dominant row space
 * of the rows. With no more rows than `rank` it spans the rows exactly.
 */
export function fitBasis(rows: readonly SparseRow[], features: number, rank: number, power = POWER_ITERATIONS, seed = 1): Float64Array[] {
  if (rows.length <= rank) {
    return orthonormalise(rows.map((row) => {
      const col = new Float64Array(features);
      for (let i = 0; i < row.idx.length; i++) col[row.idx[i]!] = col[row.idx[i]!]! + row.val[i]!;
      return col;
    }));
  }
  let q = orthonormalise(Array.from({ length: rank }, (_, j) => times(rows, randomColumn(features, seed + j))));
  for (let it = 0; it < power; it++) {
    q = orthonormalise(q.map((col) => times(rows, timesTransposed(rows, col, features))));
  }
  return orthonormalise(q.map((col) => timesTransposed(rows, col, features)));
}
