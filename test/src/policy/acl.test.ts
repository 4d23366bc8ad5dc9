import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../../src/policy/compile.js';
import { loadTriageConfig, TOOL_IDS } from './triage-fixture.js';
import { ConfigSchema } from '../../../src/config/schema.js';

const HIDDEN = ['slack.delete_channel', 'jira.delete_issue', 'slack.get_channel_history', 'notion.create_page'];

/** Look-alikes of an id: case, Cyrillic and fullwidth letters, NFKC-equivalent forms, invisible and trailing characters. */
function variants(id: string): string[] {
  const dot = id.indexOf('.');
  const server = id.slice(0, dot);
  const tool = id.slice(dot + 1);
  const fullwidth = (s: string) => [...s].map((c) => (c >= '!' && c <= '~' ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c)).join('');
  const boldD = (s: string) => s.replace(/d/, '\u{1D41D}'); // MATHEMATICAL BOLD SMALL D, NFKC → d
  const out = [
    id.toUpperCase(), server.toUpperCase() + '.' + tool, server + '.' + tool.toUpperCase(),
    server[0]!.toUpperCase() + id.slice(1),
    id.replace(/a/, '\u0430'), id.replace(/e/, '\u0435'), id.replace(/o/, '\u043E'), // Cyrillic а е о
    server + '.' + tool.replace(/a/g, '\u0430'),
    fullwidth(id), fullwidth(server) + '.' + tool, server + '.' + fullwidth(tool), server + '\uFF0E' + tool,
    boldD(id), server + '.' + tool.replace('_', '\uFF3F'), id.normalize('NFKD'), id.normalize('NFKC'),
    id + '\u200B', '\u200B' + id, server + '.\u200D' + tool, server + '\u200C.' + tool, id + '\uFEFF',
    '\u202E' + id, id + ' ', ' ' + id, id + '\n', id + '\t', id + '\u00A0', id + '\0', id + '\u2028',
    id + '.', server + '..' + tool, server + '.' + tool + '*',
  ];
  return [...new Set(out)].filter((v) => v !== id);
}

describe('no hidden tool can be authorised', () => {
  const policy = compilePolicy(loadTriageConfig());
  const agent = policy.consumer('daily-triage-agent');
  const catalog = new Set<string>(TOOL_IDS);
  /** What the pipeline does: exact lookup in the catalog, then the one authorization function. */
  const reaches = (name: string) => catalog.has(name) && agent.authorize(name).allowed;

  it('denies each hidden tool by its exact id', () => {
    for (const id of HIDDEN) expect(agent.authorize(id).allowed).toBe(false);
  });

  it('reaches no hidden tool through any look-alike', () => {
    for (const id of HIDDEN) {
      const vs = variants(id);
      expect(vs.length).toBeGreaterThan(25);
      for (const v of vs) expect({ v, reached: reaches(v) }).toEqual({ v, reached: false });
    }
  });

  it('refuses ids with invisible characters or a non-canonical server part even under allow ["*"]', () => {
    const open = compilePolicy(ConfigSchema.parse({ consumers: [{ consumer: 'c', allow: { tools: ['*'] } }] }));
    const bad = HIDDEN.flatMap(variants).filter((v) => /[\u200B-\u200D\uFEFF\u202E\s\0]|^[^.]*[^a-z0-9_.-][^.]*\./u.test(v));
    expect(bad.length).toBeGreaterThan(40);
    for (const v of bad) expect(open.authorize('c', v)).toMatchObject({ allowed: false, code: 'TG_TOOL_NOT_FOUND', rule: 'malformed-id' });
  });

  it('does not let an exact deny be skirted by a tool-part look-alike under an exact allow', () => {
    const p = compilePolicy(
      ConfigSchema.parse({ consumers: [{ consumer: 'c', allow: { tools: ['slack.post_message'] }, deny: { tools: ['slack.delete_channel'] } }] }),
    );
    for (const v of variants('slack.delete_channel')) expect(p.authorize('c', v).allowed).toBe(false);
    for (const v of variants('slack.post_message')) expect(p.authorize('c', v).allowed).toBe(false);
  });
});
