/**
 * @module index/embedders/feature-hash — signed feature hashing: a sparse bag of weighted string
 * features folded into a dense vector of fixed dimension, then L2-normalised. The sign bit halves the
 * bias that colliding features would otherwise add to every dot product.
 */

/** FNV-1a 32-bit with a murmur3 finaliser, so nearby strings spread over all bits. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Adds `weight` for `feature` into `vec` at its hashed slot with its hashed sign. */
export function addFeature(vec: Float32Array, feature: string, weight: number): void {
  const h = hash32(feature);
  const slot = h % vec.length;
  vec[slot] = (vec[slot] ?? 0) + ((h & 0x80000000) !== 0 ? -weight : weight);
}

/** Scales to unit length in place; an all-zero vector stays zero. */
export function normalise(vec: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vec.length; i++) sum += (vec[i] ?? 0) ** 2;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < vec.length; i++) vec[i] = (vec[i] ?? 0) / norm;
  return vec;
}
