import { describe, expect, it } from 'vitest';
import { derivedName, MAX_TOOL_NAME_CHARS, sanitiseName, toolNames } from '../../../catalog/openapi/names.js';

describe('OpenAPI tool names', () => {
  it('keep [A-Za-z0-9_.-] and replace everything else with single underscores', () => {
    expect(sanitiseName('chat.postMessage')).toBe('chat.postMessage');
    expect(sanitiseName('repos/get-content')).toBe('repos_get-content');
    expect(sanitiseName('  Créer un  ticket! ')).toBe('Cr_er_un_ticket');
    expect(sanitiseName('***')).toBe('operation');
  });

  it('are at most 64 characters, long ones keeping a hash of the full id so two long ids stay distinct', () => {
    const a = sanitiseName(`${'x'.repeat(80)}_alpha`);
    const b = sanitiseName(`${'x'.repeat(80)}_beta`);
    expect(a).toHaveLength(MAX_TOOL_NAME_CHARS);
    expect(a).toMatch(/^x{55}_[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(sanitiseName(`${'x'.repeat(80)}_alpha`)).toBe(a);
  });

  it('derive from method and path when there is no operationId', () => {
    expect(derivedName({ method: 'get', path: '/repos/{owner}/{repo}/issues' })).toBe('get_/repos/owner/repo/issues');
    expect(toolNames([{ method: 'get', path: '/repos/{owner}/{repo}/issues' }])).toEqual(['get_repos_owner_repo_issues']);
  });

  it('number duplicates in document order, within the length cap', () => {
    const long = 'y'.repeat(64);
    const ops = [{ operationId: 'a' }, { operationId: 'a' }, { operationId: 'a!' }, { operationId: long }, { operationId: long }].map((o) => ({ method: 'get' as const, path: '/', ...o }));
    expect(toolNames(ops)).toEqual(['a', 'a_2', 'a_3', long, `${'y'.repeat(62)}_2`]);
  });
});
