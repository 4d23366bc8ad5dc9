/**
 * @module index/embedders/feature-hash — the string hash behind signed feature hashing: FNV-1a 32-bit
 * with a murmur3 finaliser, so nearby strings (`g:abc`, `g:abd`) spread over all bits. The low bits pick
 * a slot, the top bit a sign, which halves the bias colliding features add to dot products.
 */

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
