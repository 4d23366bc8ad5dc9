import { describe, expect, it } from 'vitest';
import { createArgsValidator } from '../../../src/policy/validate.js';

const createIssue = {
  id: 'jira.create_issue',
  hash: 'h-create',
  inputSchema: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: {
      project: { type: 'string' },
      summary: { type: 'string', minLength: 1 },
      priority: { enum: ['High', 'Low'] },
      due: { type: 'string', format: 'date' },
      labels: { type: 'array', items: { type: 'string' } },
    },
    required: ['project', 'summary'],
    additionalProperties: false,
  },
};

function collectWarnings() {
  const warnings: Array<{ message: string; data: Record<string, unknown> }> = [];
  return { warnings, warn: (message: string, data: Record<string, unknown>) => void warnings.push({ message, data }) };
}

describe('argument validation', () => {
  it('accepts arguments that match the schema', () => {
    const v = createArgsValidator();
    expect(v.validate(createIssue, { project: 'OPS', summary: 'x', priority: 'High', due: '2026-11-21' })).toEqual({ allowed: true });
  });

  it('renders errors the model can act on', () => {
    const v = createArgsValidator();
    expect(v.validate(createIssue, { priority: 'Urgent' })).toEqual({
      allowed: false,
      code: 'TG_ARGS_INVALID',
      rule: 'inputSchema',
      reason: 'Invalid arguments for jira.create_issue: `project` is required; `summary` is required; `priority` must be one of High, Low.',
    });
  });

  it('names nested paths, types, formats and unknown parameters', () => {
    const v = createArgsValidator();
    const d = v.validate(createIssue, { project: 1, summary: 'x', due: 'tomorrow', labels: ['a', 2], extra: true });
    expect(d.allowed === false && d.reason).toBe(
      'Invalid arguments for jira.create_issue: `extra` is not a known parameter; `project` must be a string; `due` must be a valid date; `labels[1]` must be a string.',
    );
  });

  it('treats missing arguments as an empty object', () => {
    const v = createArgsValidator();
    const d = v.validate(createIssue, undefined);
    expect(d.allowed === false && d.reason).toContain('`project` is required');
  });

  it('validates draft 2020-12 schemas as zod 4 emits them', () => {
    const v = createArgsValidator();
    const tool = {
      id: 'notion.search', hash: 'h-2020',
      inputSchema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { q: { type: 'string' }, pos: { type: 'array', prefixItems: [{ type: 'integer' }] } }, required: ['q'] },
    };
    expect(v.validate(tool, { q: 'x', pos: [1] })).toEqual({ allowed: true });
    const d = v.validate(tool, { q: 'x', pos: ['one'] });
    expect(d.allowed === false && d.reason).toBe('Invalid arguments for notion.search: `pos[0]` must be an integer.');
  });

  it('summarises anyOf failures once instead of listing every branch', () => {
    const v = createArgsValidator();
    const tool = { id: 's.t', hash: 'h-any', inputSchema: { type: 'object', properties: { id: { anyOf: [{ type: 'string' }, { type: 'integer' }] } } } };
    const d = v.validate(tool, { id: true });
    expect(d.allowed === false && d.reason).toBe('Invalid arguments for s.t: `id` must match one of the allowed shapes.');
  });

  it('skips validation with one warning when an upstream schema does not compile', () => {
    const { warnings, warn } = collectWarnings();
    const v = createArgsValidator({ warn });
    const broken = [
      { id: 'bad.type', hash: 'b1', inputSchema: { type: 'text' } },
      { id: 'bad.ref', hash: 'b2', inputSchema: { type: 'object', properties: { a: { $ref: '#/definitions/missing' } } } },
      { id: 'bad.regex', hash: 'b3', inputSchema: { type: 'string', pattern: '(' } },
    ];
    for (const tool of broken) {
      expect(v.validate(tool, { a: 1 })).toEqual({ allowed: true });
      expect(v.validate(tool, { a: 2 })).toEqual({ allowed: true });
    }
    expect(warnings.map((w) => w.data.tool)).toEqual(['bad.type', 'bad.ref', 'bad.regex']);
  });

  it('compiles once per tool hash and lets two tools share a $id', () => {
    const v = createArgsValidator();
    const a = { id: 'a.t', hash: 'ha', inputSchema: { $id: 'urn:same', type: 'object', required: ['x'] } };
    const b = { id: 'b.t', hash: 'hb', inputSchema: { $id: 'urn:same', type: 'object', required: ['y'] } };
    expect(v.validate(a, { x: 1 }).allowed).toBe(true);
    expect(v.validate(b, { x: 1 }).allowed).toBe(false);
    expect(v.validate(a, { y: 1 }).allowed).toBe(false);
    expect(v.size).toBe(2);
    v.forget('ha');
    expect(v.size).toBe(1);
  });

  it('caps the number of messages for large invalid arrays', () => {
    const v = createArgsValidator();
    const tool = { id: 'x.y', hash: 'hx', inputSchema: { type: 'object', properties: { n: { type: 'array', items: { type: 'integer' } } } } };
    const d = v.validate(tool, { n: Array.from({ length: 20 }, () => 'no') });
    expect(d.allowed === false && d.reason.endsWith('; and 12 more.')).toBe(true);
  });
});
