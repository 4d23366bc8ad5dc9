import { describe, expect, it } from 'vitest';
import { compilePattern, isCanonicalToolId } from '../../../src/policy/glob.js';

/** Reference: `*` in the server part matches [a-z0-9_-]*, in the tool part anything; everything else literally. */
function reference(pattern: string, id: string): boolean {
  if (pattern === '*') return true;
  const match = (p: string, s: string, star: (c: string) => boolean): boolean => {
    if (p === '') return s === '';
    if (p[0] === '*') {
      for (let i = 0; i <= s.length; i += 1) {
        if (!s.slice(0, i).split('').every(star)) break;
        if (match(p.slice(1), s.slice(i), star)) return true;
      }
      return false;
    }
    return s[0] === p[0] && match(p.slice(1), s.slice(1), star);
  };
  const pd = pattern.indexOf('.');
  const sd = id.indexOf('.');
  if (pd < 0) return false;
  if (sd < 0) return false;
  return match(pattern.slice(0, pd), id.slice(0, sd), (c) => /[a-z0-9_-]/.test(c)) && match(pattern.slice(pd + 1), id.slice(sd + 1), () => true);
}

describe('tool patterns', () => {
  it('match exactly, case-sensitively, with regex characters taken literally', () => {
    expect(compilePattern('jira.get_issue').test('jira.get_issue')).toBe(true);
    expect(compilePattern('jira.get_issue').test('jira.Get_issue')).toBe(false);
    expect(compilePattern('x.a+b').test('x.aab')).toBe(false);
    expect(compilePattern('x.a+b').test('x.a+b')).toBe(true);
    expect(compilePattern('x.(a)*').test('x.(a)zz')).toBe(true);
    expect(compilePattern('x.a.b').test('x.aXb')).toBe(false);
  });

  it('agree with a reference matcher on generated patterns and ids', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const word = (chars: string[], max: number) => Array.from({ length: 1 + Math.floor(rand() * max) }, () => chars[Math.floor(rand() * chars.length)]).join('');
    const toolChars = ['a', 'b', '.', 'A', '\u0430'];
    const mismatches: string[] = [];
    let matched = 0;
    for (let i = 0; i < 3_000; i += 1) {
      const pattern = `${word(['a', 'b', '*'], 2)}.${word([...toolChars, '*', '*'], 3)}`;
      const id = `${word(['a', 'b'], 2)}.${word(toolChars, 3)}`;
      const m = compilePattern(pattern).test(id);
      if (m !== reference(pattern, id)) mismatches.push(`${pattern} ~ ${id}`);
      if (m) matched += 1;
    }
    expect(mismatches).toEqual([]);
    expect(matched).toBeGreaterThan(100); // the sample exercises matches, not only misses
  });

  it('recognise canonical ids only', () => {
    expect(isCanonicalToolId('jira.get_issue')).toBe(true);
    expect(isCanonicalToolId('fs.read.file')).toBe(true);
    expect(isCanonicalToolId('Jira.get_issue')).toBe(false);
    expect(isCanonicalToolId('jira')).toBe(false);
    expect(isCanonicalToolId('jira.')).toBe(false);
    expect(isCanonicalToolId('jira.get\u200Bissue')).toBe(false);
    expect(isCanonicalToolId('jira.get_issue ')).toBe(false);
  });
});
