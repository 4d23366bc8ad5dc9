import { describe, expect, it } from 'vitest';
import { applyPins, stripPinned } from '../../../src/policy/pin.js';

const pinned = Object.freeze({ project: 'OPS', labels: Object.freeze(['triage']) });

describe('pinned parameters', () => {
  it('forces pinned values whatever the code passes and reports the ignored attempt', () => {
    const args = { project: 'SECRET', summary: 'x' };
    const r = applyPins(args, pinned);
    expect(r.args).toEqual({ project: 'OPS', summary: 'x', labels: ['triage'] });
    expect(r.overridden).toEqual(['project']);
    expect(args).toEqual({ project: 'SECRET', summary: 'x' });
  });

  it('does not report a passed value equal to the pin', () => {
    expect(applyPins({ project: 'OPS', labels: ['triage'] }, pinned).overridden).toEqual([]);
  });

  it('hands the upstream a copy it may mutate without touching the config', () => {
    const r = applyPins({}, pinned);
    (r.args.labels as string[]).push('x');
    expect(pinned.labels).toEqual(['triage']);
  });

  it('treats non-object arguments as empty and passes through when nothing is pinned', () => {
    expect(applyPins('nope', pinned).args).toEqual({ project: 'OPS', labels: ['triage'] });
    const args = { a: 1 };
    expect(applyPins(args, undefined)).toEqual({ args, overridden: [] });
  });

  it('removes pinned parameters from the declaration schema and its required list', () => {
    const schema = { type: 'object', properties: { project: { type: 'string' }, summary: { type: 'string' } }, required: ['project', 'summary'] };
    expect(stripPinned(schema, pinned)).toEqual({ type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] });
    expect(schema.required).toEqual(['project', 'summary']);
  });
});
