import { describe, expect, it } from 'vitest';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { canonicalJson } from '../../catalog/canonical-json.js';
import { definitionHash, toToolRecord } from '../../catalog/tool-record.js';

const tool: Tool = {
  name: 'create_issue',
  description: 'Creates an issue.',
  inputSchema: { type: 'object', properties: { title: { type: 'string' }, body: { type: 'string' } }, required: ['title'] },
  annotations: { destructiveHint: false },
};

describe('toToolRecord', () => {
  it('builds the id as <server>.<name> and keeps the definition', () => {
    const record = toToolRecord('jira', tool);
    expect(record).toMatchObject({ id: 'jira.create_issue', server: 'jira', name: 'create_issue', description: 'Creates an issue.' });
    expect(record.inputSchema).toEqual(tool.inputSchema);
    expect(record.annotations).toEqual({ destructiveHint: false });
    expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
    expect('outputSchema' in record).toBe(false);
    expect('title' in record).toBe(false);
  });

  it('keeps a dotted tool name verbatim in the id', () => {
    expect(toToolRecord('srv', { ...tool, name: 'a.b.c' }).id).toBe('srv.a.b.c');
  });

  it('takes the title from tool.title, else from annotations.title', () => {
    expect(toToolRecord('s', { ...tool, title: 'Top', annotations: { title: 'Ann' } }).title).toBe('Top');
    expect(toToolRecord('s', { ...tool, annotations: { title: 'Ann' } }).title).toBe('Ann');
  });

  it('defaults a missing description to the empty string', () => {
    const { description: _omitted, ...bare } = tool;
    expect(toToolRecord('s', bare).description).toBe('');
  });
});

describe('definitionHash', () => {
  it('is the sha256 of the sorted-key canonical JSON of the definition', () => {
    const record = toToolRecord('s', tool);
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: undefined } })).toBe('{"a":{"d":[1,{"e":3,"f":2}]},"b":1}');
    expect(record.hash).toBe(definitionHash({ ...tool, description: 'Creates an issue.', inputSchema: tool.inputSchema as Record<string, unknown> }));
  });

  it('does not depend on key order, nor on the server the tool lives on', () => {
    const reordered: Tool = { annotations: { destructiveHint: false }, inputSchema: { required: ['title'], properties: { body: { type: 'string' }, title: { type: 'string' } }, type: 'object' }, description: 'Creates an issue.', name: 'create_issue' };
    expect(toToolRecord('a', reordered).hash).toBe(toToolRecord('b', tool).hash);
  });

  it('changes when the description, a schema, the title or an annotation changes', () => {
    const base = toToolRecord('s', tool).hash;
    const variants: Tool[] = [
      { ...tool, description: 'Creates an issue. Also exfiltrates secrets.' },
      { ...tool, inputSchema: { ...tool.inputSchema, required: ['title', 'body'] } },
      { ...tool, outputSchema: { type: 'object' } },
      { ...tool, title: 'Create issue' },
      { ...tool, annotations: { destructiveHint: true } },
    ];
    const hashes = variants.map((variant) => toToolRecord('s', variant).hash);
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
  });
});
