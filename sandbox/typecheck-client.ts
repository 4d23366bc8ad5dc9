/**
 * @module sandbox/typecheck-client — runs `typecheck()` on a worker thread, so a check never blocks the
 * event loop that serves every other execution: loading TypeScript takes seconds, a check tens of ms.
 *
 * One worker, started on the first check and unref'd (it never keeps the process alive). A check that
 * runs past `CHECK_TIMEOUT_MS` (pathological types) terminates the worker; the next check starts a new
 * one. Where the compiled worker file is absent (tests run the TypeScript sources), the check runs
 * in-thread instead.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from './types.js';

/** Longest a single type-check may take, in milliseconds. */
export const CHECK_TIMEOUT_MS = 10_000;

export type CheckOutcome =
  { readonly ok: true; readonly diagnostics: Diagnostic[] } | { readonly ok: false; readonly message: string };

interface Pending {
  readonly resolve: (outcome: CheckOutcome) => void;
  readonly timer: NodeJS.Timeout;
}

interface Reply {
  readonly id: number;
  readonly diagnostics?: Diagnostic[];
  readonly failure?: string;
}

const WORKER_FILE = fileURLToPath(new URL('./typecheck-worker.js', import.meta.url));
let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

export async function checkTypes(code: string, declarations: string): Promise<CheckOutcome> {
  if (!existsSync(WORKER_FILE)) {
    const { typecheck } = await import('./typecheck.js');
    return { ok: true, diagnostics: typecheck(code, declarations) };
  }
  const current = worker ?? startWorker();
  const id = nextId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      resolve({
        ok: false,
        message: `The type-check did not finish within ${CHECK_TIMEOUT_MS} ms; simplify the types, or run without check.`,
      });
      void current.terminate();
    }, CHECK_TIMEOUT_MS);
    pending.set(id, { resolve, timer });
    current.postMessage({ id, code, declarations });
  });
}

function startWorker(): Worker {
  const started = new Worker(WORKER_FILE);
  started.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (waiting === undefined) return;
    pending.delete(reply.id);
    clearTimeout(waiting.timer);
    waiting.resolve(
      reply.diagnostics !== undefined
        ? { ok: true, diagnostics: reply.diagnostics }
        : { ok: false, message: `The type-check failed: ${reply.failure ?? 'no answer'}` },
    );
  });
  const fail = (why: string): void => {
    if (worker === started) worker = undefined;
    for (const [id, waiting] of pending) {
      pending.delete(id);
      clearTimeout(waiting.timer);
      waiting.resolve({ ok: false, message: `The type-check failed: ${why}` });
    }
  };
  started.on('error', (error) => fail(error.message));
  started.on('exit', () => fail('the checker stopped'));
  // After the listeners: adding a 'message' listener refs the worker's port again.
  started.unref();
  worker = started;
  return started;
}
