import { afterEach, describe, expect, it } from 'vitest';
import { createUpstreamTransport, STDERR_TAIL_CHARS } from '../../catalog/connect.js';
import { resultValue } from '../../catalog/result.js';
import { Upstream } from '../../catalog/upstream.js';
import { fixtureConfig, TEST_BACKOFF, waitUntil } from './support.js';

const NOISE_BYTES = 2_000_000; // ~30× a pipe buffer: the child would block if stderr were not drained

describe('a child that floods stderr', () => {
  let up: Upstream | undefined;
  afterEach(() => up?.close());

  it('neither blocks the child nor grows memory: only a bounded tail is kept', async () => {
    up = new Upstream(fixtureConfig('noisy', 'echo.mjs', ['--noisy', String(NOISE_BYTES)]), { backoff: TEST_BACKOFF });
    await up.start();
    expect(up.health).toBe('healthy');
    for (let i = 0; i < 3; i++) expect(resultValue(await up.callTool('echo', { text: `call ${i}` }))).toBe(`call ${i}`);
  }, 60_000);

  it('keeps only the last STDERR_TAIL_CHARS characters of stderr', async () => {
    const handle = createUpstreamTransport(fixtureConfig('noisy', 'echo.mjs', ['--noisy', String(NOISE_BYTES)]));
    await handle.transport.start();
    try {
      await waitUntil(() => handle.stderrTail().length >= STDERR_TAIL_CHARS - 100, 'the tail filled up');
      const tail = handle.stderrTail();
      expect(tail.length).toBeLessThanOrEqual(STDERR_TAIL_CHARS);
      expect(tail.endsWith('log: the quick brown fox jumps over the lazy dog')).toBe(true);
    } finally {
      await handle.transport.close();
    }
  });
});
