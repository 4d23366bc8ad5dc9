/**
 * The error table is pinned: every code has a row in docs/errors.md with the same status, meaning and hint,
 * and the codes the lower layers raise are rows of the table.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS, isErrorCode, modelMessage } from '../../src/errors.js';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const rows = new Map(
  doc
    .split('\n')
    .filter((line) => line.startsWith('| `TG_'))
    .map((line) => {
      const [, code, status, summary, hint] = line.split('|').map((cell) => cell.trim());
      return [code!.replace(/`/g, ''), { status: Number(status), summary, hint }] as const;
    }),
);

describe('the error table', () => {
  it('docs/errors.md lists exactly the codes of src/errors.ts, with the same status, meaning and hint', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(ERRORS).sort());
    for (const [code, spec] of Object.entries(ERRORS)) expect(rows.get(code), code).toEqual(spec);
  });

  it('every code is TG_ and upper snake case, and every status is an HTTP error status', () => {
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^TG_[A-Z]+(_[A-Z]+)*$/);
      expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(spec.status).toBeLessThan(600);
    }
  });

  it('messages for the model end with what to do next', () => {
    expect(modelMessage('TG_ACL_DENIED', 'jira.delete_issue is not allowed for daily-triage-agent.')).toBe(
      'TG_ACL_DENIED: jira.delete_issue is not allowed for daily-triage-agent. Use search_tools to find tools you may call.',
    );
    expect(isErrorCode('TG_ACL_DENIED')).toBe(true);
    expect(isErrorCode('TG_NOPE')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });
});
