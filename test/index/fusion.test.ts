import { describe, expect, it } from 'vitest';
import { DEFAULT_FUSION, RANK_SCORE_K, rankAndScoreFusion, reciprocalRankFusion, RRF_K, weightedScoreFusion } from '../../index/fusion.js';

const lexical = {
  source: 'lexical',
  hits: [
    { id: 'a', score: 12 },
    { id: 'b', score: 3 },
  ],
};
const vector = {
  source: 'vector',
  hits: [
    { id: 'b', score: 0.9 },
    { id: 'c', score: 0.5 },
  ],
};

describe('reciprocalRankFusion', () => {
  it('sums weight / (k + rank) over the lists', () => {
    const fused = reciprocalRankFusion(60)([lexical, vector]);
    expect(fused.get('a')).toBeCloseTo(1 / 61, 12);
    expect(fused.get('b')).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(fused.get('c')).toBeCloseTo(1 / 62, 12);
  });

  it('weighs a list by its weight and defaults k to RRF_K', () => {
    const fused = reciprocalRankFusion()([{ ...lexical, weight: 2 }, vector]);
    expect(fused.get('a')).toBeCloseTo(2 / (RRF_K + 1), 12);
  });
});

describe('weightedScoreFusion', () => {
  it('min-max normalises each list, then sums weight × score', () => {
    const fused = weightedScoreFusion()([lexical, { ...vector, weight: 0.5 }]);
    expect(fused.get('a')).toBeCloseTo(1, 12);
    expect(fused.get('b')).toBeCloseTo(0 + 0.5, 12);
    expect(fused.get('c')).toBeCloseTo(0, 12);
  });

  it('gives a one-hit list full score and ignores an empty list', () => {
    const fused = weightedScoreFusion()([
      { source: 'x', hits: [{ id: 'z', score: 4 }] },
      { source: 'y', hits: [] },
    ]);
    expect([...fused]).toEqual([['z', 1]]);
  });
});

describe('rankAndScoreFusion', () => {
  it('sums weight × (k / (k + rank) + min-max score) over the lists', () => {
    const fused = rankAndScoreFusion(30)([lexical, { ...vector, weight: 0.5 }]);
    expect(fused.get('a')).toBeCloseTo(30 / 31 + 1, 12);
    expect(fused.get('b')).toBeCloseTo(30 / 32 + 0 + 0.5 * (30 / 31 + 1), 12);
    expect(fused.get('c')).toBeCloseTo(0.5 * (30 / 32 + 0), 12);
  });

  it('is the default, with k = RANK_SCORE_K', () => {
    expect(DEFAULT_FUSION([lexical, vector])).toEqual(rankAndScoreFusion(RANK_SCORE_K)([lexical, vector]));
  });
});
