/**
 * @module index/top-k — the k best (key, score) pairs in one pass with a bounded min-heap, so ranking
 * thousands of matches costs O(n log k), not a full sort. Ties break on the key (ascending) so results
 * do not depend on insertion order.
 */

export class TopK<K extends string> {
  readonly #k: number;
  readonly #keys: K[] = [];
  readonly #scores: number[] = [];

  constructor(k: number) {
    this.#k = Math.max(0, Math.floor(k));
  }

  get size(): number {
    return this.#keys.length;
  }

  /** True when (key, score) is better than the worst kept pair (a is "worse" when lower, or tied and later). */
  #worse(i: number, j: number): boolean {
    const si = this.#scores[i]!;
    const sj = this.#scores[j]!;
    return si < sj || (si === sj && this.#keys[i]! > this.#keys[j]!);
  }

  /** Cheap pre-check before an expensive filter: could a pair with this score enter? */
  wouldAccept(score: number): boolean {
    return this.#keys.length < this.#k || score >= this.#scores[0]!;
  }

  push(key: K, score: number): void {
    if (this.#k === 0) return;
    if (this.#keys.length < this.#k) {
      this.#keys.push(key);
      this.#scores.push(score);
      this.#up(this.#keys.length - 1);
      return;
    }
    const minScore = this.#scores[0]!;
    if (score < minScore || (score === minScore && key > this.#keys[0]!)) return;
    this.#keys[0] = key;
    this.#scores[0] = score;
    this.#down(0);
  }

  /** Best first. */
  sorted(): [K, number][] {
    const pairs = this.#keys.map((k, i): [K, number] => [k, this.#scores[i]!]);
    return pairs.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  #swap(i: number, j: number): void {
    [this.#keys[i], this.#keys[j]] = [this.#keys[j]!, this.#keys[i]!];
    [this.#scores[i], this.#scores[j]] = [this.#scores[j]!, this.#scores[i]!];
  }

  #up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#worse(i, parent)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(i: number): void {
    const n = this.#keys.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.#worse(l, m)) m = l;
      if (r < n && this.#worse(r, m)) m = r;
      if (m === i) return;
      this.#swap(i, m);
      i = m;
    }
  }
}
