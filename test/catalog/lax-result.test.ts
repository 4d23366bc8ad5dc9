import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseCallResult } from '../../catalog/lax-result.js';
import { resultValue } from '../../catalog/result.js';
import { Upstream } from '../../catalog/upstream.js';
import { fixtureConfig, TEST_BACKOFF } from './support.js';

describe('normaliseCallResult', () => {
  it('shows a pre-2024-11 toolResult as JSON text and defaults missing content to none', () => {
    expect(normaliseCallResult({ toolResult: { a: 1 } })).toEqual({ content: [{ type: 'text', text: '{"a":1}' }] });
    expect(normaliseCallResult({ isError: false })).toEqual({ isError: false, content: [] });
  });
});

describe('odd results from a real server', () => {
  let up: Upstream;
  beforeAll(async () => {
    up = new Upstream(fixtureConfig('odd', 'raw.mjs'), { backoff: TEST_BACKOFF });
    await up.start();
  });
  afterAll(() => up.close());

  it('keeps content blocks of unknown types instead of rejecting the result', async () => {
    expect(resultValue(await up.callTool('odd_blocks', {}))).toEqual([{ type: 'video' }, 'caption']);
  });

  it('reads a legacy { toolResult } answer', async () => {
    expect(resultValue(await up.callTool('legacy', {}))).toEqual({ answer: 42 });
  });

  it('names the malformed part of a broken envelope in a TG_UPSTREAM_ERROR', async () => {
    await expect(up.callTool('broken_envelope', {})).rejects.toMatchObject({
      code: 'TG_UPSTREAM_ERROR',
      message: expect.stringMatching(/^odd\.broken_envelope failed: odd answered with a malformed result \(content: .+\)\.$/),
    });
    expect(up.health).toBe('healthy');
  });
});
