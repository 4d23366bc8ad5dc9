/**
 * The type-check runs on a worker thread: same answers as in-thread, a timeout that ends the worker, and a
 * fresh worker for the next check. The worker is bundled here from its sources, as the build would emit it.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TypeChecker } from '../../sandbox/typecheck-client.js';
import { typecheck } from '../../sandbox/typecheck.js';

const DECLARATIONS =
  'declare namespace math { function add(args: { a: number; b: number }): Promise<{ sum: number }>; }';
const BAD = 'const r = await math.add({ a: "1", b: 2 });\nreturn r.sum;';
// Inside node_modules (ignored by git), so the bundle resolves the project's own `typescript`.
const cache = join(process.cwd(), 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'toolgate-typecheck-'));
const workerFile = join(dir, 'typecheck-worker.mjs');

beforeAll(async () => {
  await build({
    entryPoints: ['sandbox/typecheck-worker.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: workerFile,
    external: ['typescript'],
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TypeChecker on a worker thread', () => {
  it('gives the same diagnostics as the in-thread check', async () => {
    const checker = new TypeChecker(workerFile, 60_000);
    const outcome = await checker.check(BAD, DECLARATIONS);
    expect(outcome).toEqual({ ok: true, diagnostics: typecheck(BAD, DECLARATIONS) });
    expect(outcome.ok && outcome.diagnostics[0]?.tsCode).toBe(2322);
    const clean = await checker.check('return (await math.add({ a: 1, b: 2 })).sum;', DECLARATIONS);
    expect(clean).toEqual({ ok: true, diagnostics: [] });
    checker.close();
  });

  it('ends a check past its timeout with a message saying so, and answers the next one too', async () => {
    // Loading TypeScript alone takes far longer than 1 ms, so every check on this checker times out;
    // the second one proves a stopped worker is replaced, not waited on.
    const checker = new TypeChecker(workerFile, 1);
    const timedOut = {
      ok: false,
      message: 'The type-check did not finish within 1 ms; simplify the types, or run without check.',
    };
    expect(await checker.check(BAD, DECLARATIONS)).toEqual(timedOut);
    expect(await checker.check(BAD, DECLARATIONS)).toEqual(timedOut);
    checker.close();
  });
});
