import { describe, expect, it } from 'vitest';
import { collapse, completeAt, hitAt, ndcgAt, percentile, recallAt, reciprocalRank } from '../../../index/eval/metrics.js';

describe('retrieval metrics on hand-made lists', () => {
  const ranked = ['a', 'b', 'c', 'd', 'e'];

  it('hit@k is 1 only when a gold id is inside the cut', () => {
    expect(hitAt(ranked, ['c'], 2)).toBe(0);
    expect(hitAt(ranked, ['c'], 3)).toBe(1);
    expect(hitAt(ranked, ['z'], 5)).toBe(0);
  });

  it('Recall@k is the fraction of gold ids inside the cut', () => {
    expect(recallAt(ranked, ['a', 'd', 'z'], 1)).toBeCloseTo(1 / 3, 12);
    expect(recallAt(ranked, ['a', 'd', 'z'], 4)).toBeCloseTo(2 / 3, 12);
    expect(recallAt(ranked, [], 4)).toBe(0);
  });

  it('Completeness@k needs every gold id', () => {
    expect(completeAt(ranked, ['a', 'd'], 3)).toBe(0);
    expect(completeAt(ranked, ['a', 'd'], 4)).toBe(1);
  });

  it('MRR uses the first gold id found', () => {
    expect(reciprocalRank(ranked, ['c', 'e'])).toBeCloseTo(1 / 3, 12);
    expect(reciprocalRank(ranked, ['z'])).toBe(0);
  });

  it('nDCG@10 with binary relevance matches the formula', () => {
    // gold at ranks 2 and 4: DCG = 1/log2(3) + 1/log2(5); ideal = 1 + 1/log2(3).
    const expected = (1 / Math.log2(3) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3));
    expect(ndcgAt(ranked, ['b', 'd'], 10)).toBeCloseTo(expected, 12);
    expect(ndcgAt(ranked, ['a'], 10)).toBe(1);
    expect(ndcgAt(ranked, ['z'], 10)).toBe(0);
  });

  it('percentile uses the nearest rank', () => {
    const values = [5, 1, 4, 2, 3, 10, 6, 7, 9, 8];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile([], 50)).toBe(0);
  });

  it('collapse keeps each key once, at its first position', () => {
    expect(collapse(['w#1', 'h#1', 'w#2', 'x#1', 'h#2'], (id) => id.split('#')[0]!)).toEqual(['w', 'h', 'x']);
    expect(collapse(ranked, (id) => id)).toEqual(ranked);
  });
});
