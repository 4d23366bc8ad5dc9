import { describe, expect, it } from 'vitest';
import { bindingsFor } from '../../sandbox/naming.js';
import { CHARS_PER_TOKEN, declarationsFor, renderWithinBudget } from '../../sandbox/typings.js';
import { tool } from './typings-support.js';

const small = (server: string, name: string, description: string) =>
  tool({ server, name, description, inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } });
const big = tool({
  server: 'b',
  name: 'big',
  description: 'A big one.',
  inputSchema: {
    type: 'object',
    properties: {
      mode: { enum: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] },
      deep: { type: 'object', properties: { deeper: { type: 'object', properties: { deepest: { type: 'object', properties: { x: { type: 'string' } } } } } } },
    },
  },
});
const ranked = [small('a', 'one', 'First tool.'), big, small('a', 'two', 'Second tool.'), small('b', 'three', 'Third tool.'), small('c', 'four', 'Fourth tool.')];
const ids = ranked.map((t) => t.id);

describe('renderWithinBudget', () => {
  it('shows every declaration when they all fit, exactly as declarationsFor does', () => {
    const result = renderWithinBudget(ranked, { budgetChars: 10_000 });
    expect(result.text).toBe(declarationsFor(ranked));
    expect(result).toMatchObject({ full: ids, compact: [], names: [], omitted: [], unbound: [], chars: result.text.length });
  });

  it('keeps room for the names of the other matches before showing more declarations', () => {
    const result = renderWithinBudget(ranked, { budgetChars: 300 });
    expect(result.text).toBe(`declare namespace a {
  /**
   * First tool.
   *
   * @id a.one
   */
  function one(args: {
    id: string;
  }): Promise<unknown>;
}

// Also matching (signatures not shown):
// b.big — A big one.
// a.two — Second tool.
// b.three — Third tool.
// c.four — Fourth tool.
`);
    expect(result).toMatchObject({ full: ['a.one'], names: ['b.big', 'a.two', 'b.three', 'c.four'], omitted: [], chars: 274, estimatedTokens: 69 });
  });

  it('upgrades a later match when an earlier one is too big, keeping declarations in rank order', () => {
    const result = renderWithinBudget(ranked, { budgetChars: 420 });
    expect(result.full).toEqual(['a.one', 'a.two']);
    expect(result.names).toEqual(['b.big', 'b.three', 'c.four']);
    expect(result.text.length).toBeLessThanOrEqual(420);
  });

  it('falls back to a compact declaration (shallow, enums cut) when the full one leaves no room', () => {
    const result = renderWithinBudget([big, ...ranked.slice(2)], { budgetChars: 360 });
    expect(result.text).toBe(`declare namespace b {
  /**
   * A big one.
   *
   * @id b.big
   */
  function big(args?: {
    mode?: "a" | "b" | "c" | "d" | "e" /* ... 3 more */;
    deep?: Record<string, unknown> /* too deep to show: deeper */;
  }): Promise<unknown>;
}

// Also matching (signatures not shown):
// a.two — Second tool.
// b.three — Third tool.
// c.four — Fourth tool.
`);
    expect(result).toMatchObject({ full: ['b.big'], compact: ['b.big'], names: ['a.two', 'b.three', 'c.four'], omitted: [] });
  });

  it('goes compact rather than showing a declaration the budget would cut short', () => {
    const defs: Record<string, unknown> = {};
    const wide = (next: string) => Object.fromEntries('abcdefgh'.split('').map((k) => [k, { $ref: `#/$defs/${next}` }]));
    for (let i = 0; i < 8; i++) defs[`L${i}`] = { type: 'object', properties: wide(`L${i + 1}`) };
    const huge = tool({ server: 'h', name: 'huge', inputSchema: { type: 'object', properties: { root: { $ref: '#/$defs/L0' } }, $defs: defs } });
    const result = renderWithinBudget([huge], { budgetChars: 3_000 });
    expect(result.text).toBe(`declare namespace h {
  /** @id h.huge */
  function huge(args?: {
    root?: Record<string, unknown> /* too deep to show: a, b, c, d, e, +3 more */;
  }): Promise<unknown>;
}
`);
    expect(result).toMatchObject({ full: ['h.huge'], compact: ['h.huge'] });
  });

  it('lists names only, cutting the tail of the ranking, when declarations do not fit', () => {
    const result = renderWithinBudget(ranked, { budgetChars: 100 });
    expect(result.text).toBe(`// a.one — First tool.
// b.big — A big one.
// a.two — Second tool.
// b.three — Third tool.
`);
    expect(result).toMatchObject({ full: [], names: ['a.one', 'b.big', 'a.two', 'b.three'], omitted: ['c.four'] });
  });

  it("shows names only in detail 'names', whatever the budget", () => {
    const result = renderWithinBudget(ranked, { budgetChars: 10_000, detail: 'names' });
    expect(result.text).toBe(declarationsFor(ranked, { detail: 'names' }));
    expect(result).toMatchObject({ full: [], names: ids, omitted: [] });
  });

  it('turns a token budget into characters with CHARS_PER_TOKEN', () => {
    expect(CHARS_PER_TOKEN).toBe(4);
    expect(renderWithinBudget(ranked, { budgetTokens: 75 })).toEqual(renderWithinBudget(ranked, { budgetChars: 300 }));
  });

  it('omits everything under a zero budget, and reports tools that have no binding', () => {
    const loser = tool({ server: 'a', name: 'one!' });
    const { bindings } = bindingsFor([...ranked, loser]);
    const result = renderWithinBudget([loser, ...ranked], { budgetChars: 0, bindings });
    expect(result).toEqual({ text: '', full: [], compact: [], names: [], omitted: ids, unbound: ['a.one!'], chars: 0, estimatedTokens: 0 });
  });

  it('never exceeds the budget, and accounts for every tool once', () => {
    for (let budget = 0; budget <= 1_200; budget += 7) {
      const r = renderWithinBudget(ranked, { budgetChars: budget });
      expect(r.text.length).toBeLessThanOrEqual(budget);
      expect([...r.full, ...r.names, ...r.omitted].sort()).toEqual([...ids].sort());
      const notFull = ids.filter((id) => !r.full.includes(id));
      expect([...r.names, ...r.omitted]).toEqual(notFull);
    }
  });
});
