import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatEvalTable } from '../../../index/eval/format.js';
import { loadJsonl } from '../../../index/eval/load.js';
import { bm25Baseline } from '../../../index/eval/rankers.js';
import type { EvalData } from '../../../index/eval/load.js';
import { runEval, type RankerFactory } from '../../../index/eval/run.js';
import type { ToolRecord } from '../../../catalog/types.js';

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

  it('by name, same-name definitions count as one tool: neither a miss nor a lost slot', async () => {
    const tool = (id: string): ToolRecord => ({ id, server: 'eval', name: id.split('#')[0]!, description: '', inputSchema: {}, hash: id });
    const data: EvalData = {
      name: 'dupes',
      tools: ['weather#1', 'weather#2', 'weather#3', 'hotel#1', 'hotel#2'].map(tool),
      queries: [
        // Another weather definition ranks above the gold one.
        { qid: 'a', query: 'weather', gold: ['weather#2'] },
        // Three weather definitions fill the first slots; the gold hotel comes fourth.
        { qid: 'b', query: 'weather then hotel', gold: ['weather#3', 'hotel#2'] },
      ],
      skipped: 0,
    };
    const ranked = fixed(['weather#1', 'weather#2', 'weather#3', 'hotel#2', 'hotel#1']);
    const [byId] = (await runEval({ sets: [data], rankers: [ranked], ks: [1, 2] })).sets;
    const [byName] = (await runEval({ sets: [data], rankers: [ranked], ks: [1, 2], level: 'name' })).sets;
    expect(byId?.level).toBe('id');
    // By id: a's gold at rank 2; b's weather#3 at rank 3, hotel#2 at rank 4.
    expect(byId?.rankers[0]?.recall[1]).toBe(0);
    expect(byId?.rankers[0]?.recall[2]).toBe(0.5);
    expect(byId?.rankers[0]?.mrr).toBeCloseTo((1 / 2 + 1 / 3) / 2, 12);
    // By name the list is [weather, hotel]: a is found first; b has both names in the top 2.
    expect(byName?.level).toBe('name');
    expect(byName?.rankers[0]?.recall[1]).toBeCloseTo((1 + 0.5) / 2, 12);
    expect(byName?.rankers[0]?.recall[2]).toBe(1);
    expect(byName?.rankers[0]?.complete[2]).toBe(1);
    expect(byName?.rankers[0]?.mrr).toBe(1);
    expect(formatEvalTable({ ks: [1, 2], sets: [byName!] })).toContain('| dupes (by name) | fixed |');
  });
});
