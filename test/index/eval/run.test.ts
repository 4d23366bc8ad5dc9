import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatEvalTable } from '../../../index/eval/format.js';
import { loadJsonl } from '../../../index/eval/load.js';
import { bm25Baseline } from '../../../index/eval/rankers.js';
import { runEval, type RankerFactory } from '../../../index/eval/run.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/retrieval');

/** A ranker that always returns the same list, so the scores are known in advance. */
const fixed = (ids: string[]): RankerFactory => ({ name: 'fixed', build: () => ({ name: 'fixed', search: () => ids }) });

describe('runEval', () => {
  it('scores every ranker on the same queries and averages exactly', async () => {
    const data = await loadJsonl(join(FIXTURES, 'tools.jsonl'), join(FIXTURES, 'queries.jsonl'), 'fixture');
    const result = await runEval({
      sets: [data],
      rankers: [bm25Baseline, fixed(['github.list_repos', 'weather.get_forecast'])],
      ks: [1, 5],
    });
    const [set] = result.sets;
    expect(set).toMatchObject({ set: 'fixture', tools: 5, queries: 3, skipped: 2 });
    const bm25 = set?.rankers[0];
    expect(bm25?.ranker).toBe('bm25');
    expect(bm25?.hit[5]).toBe(1);
    const fixedScores = set?.rankers[1];
    // q1: gold at rank 2 (R@1 0, R@5 1); q2: miss; q3: one of two gold at rank 1 (R@1 0.5, R@5 0.5).
    expect(fixedScores?.recall[1]).toBeCloseTo(0.5 / 3, 12);
    expect(fixedScores?.recall[5]).toBeCloseTo(1.5 / 3, 12);
    expect(fixedScores?.hit[1]).toBeCloseTo(1 / 3, 12);
    expect(fixedScores?.complete[5]).toBeCloseTo(1 / 3, 12);
    expect(fixedScores?.mrr).toBeCloseTo((0.5 + 0 + 1) / 3, 12);

    const table = formatEvalTable(result);
    expect(table.split('\n')[0]).toContain('| set | ranker | tools | queries | hit@1 | hit@5 | R@1 | R@5 |');
    expect(table).toContain('| fixture | bm25 | 5 | 3 |');
  });

  it('samples at most maxQueries queries, evenly spaced', async () => {
    const data = await loadJsonl(join(FIXTURES, 'tools.jsonl'), join(FIXTURES, 'queries.jsonl'), 'fixture');
    const result = await runEval({ sets: [data], rankers: [bm25Baseline], maxQueries: 2 });
    expect(result.sets[0]?.queries).toBe(2);
  });
});
