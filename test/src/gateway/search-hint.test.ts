import { describe, expect, it } from 'vitest';
import { moreHint } from '../../../src/gateway/search.js';

describe('the hint after search results', () => {
  it('is empty when every match came with its declaration', () => {
    expect(moreHint('full', 0, 0)).toBe('');
  });

  it('for detail "full", blames the response budget and says how to narrow', () => {
    expect(moreHint('full', 3, 2)).toBe(
      '\n// 3 matches are shown by name only (the response budget); 2 more did not fit: search again with a narrower query, a server, or a smaller limit for their declarations.',
    );
  });

  it('for detail "names", says the names were asked for and how to get declarations', () => {
    const hint = moreHint('names', 5, 0);
    expect(hint).toContain('Names only, as asked (detail: "names")');
    expect(hint).toContain('detail "full"');
    expect(hint).not.toContain('budget');
  });
});
