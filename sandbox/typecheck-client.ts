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
  /** The worker asked: when it stops, only its own checks fail. */
  readonly worker: Worker;
}

interface Reply {
  readonly id: number;
  readonly diagnostics?: Diagnostic[];
  readonly failure?: string;
}

const WORKER_FILE = fileURLToPath(new URL('./typecheck-worker.js', import.meta.url));

export class TypeChecker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** `workerFile` undefined: check in-thread (the compiled worker is absent when running the sources). */
  constructor(
    private readonly workerFile: string | undefined = existsSync(WORKER_FILE) ? WORKER_FILE : undefined,
    private readonly timeoutMs: number = CHECK_TIMEOUT_MS,
  ) {}

  async check(code: string, declarations: string): Promise<CheckOutcome> {
    if (this.workerFile === undefined) {
      const { typecheck } = await import('./typecheck.js');
      return { ok: true, diagnostics: typecheck(code, declarations) };
    }
    const current = this.worker ?? this.startWorker(this.workerFile);
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({
          ok: false,
          message: `The type-check did not finish within ${this.timeoutMs} ms; simplify the types, or run without check.`,
        });
        this.stopWorker(current);
      }, this.timeoutMs);
      this.pending.set(id, { resolve, timer, worker: current });
      current.postMessage({ id, code, declarations });
    });
  }

  close(): void {
    if (this.worker !== undefined) this.stopWorker(this.worker);
  }

  private startWorker(file: string): Worker {
    const started = new Worker(file);
    started.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (waiting === undefined) return;
      this.pending.delete(reply.id);
      clearTimeout(waiting.timer);
      waiting.resolve(
        reply.diagnostics !== undefined
          ? { ok: true, diagnostics: reply.diagnostics }
          : { ok: false, message: `The type-check failed: ${reply.failure ?? 'no answer'}` },
      );
    });
    started.on('error', (error) => this.failAll(started, error.message));
    started.on('exit', () => this.failAll(started, 'the checker stopped'));
    // After the listeners: adding a 'message' listener refs the worker's port again.
    started.unref();
    this.worker = started;
    return started;
  }

  /** The next check starts a new worker at once; checks still waiting on this one fail. */
  private stopWorker(stopping: Worker): void {
    if (this.worker === stopping) this.worker = undefined;
    void stopping.terminate();
  }

  private failAll(stopped: Worker, why: string): void {
    if (this.worker === stopped) this.worker = undefined;
    for (const [id, waiting] of this.pending) {
      if (waiting.worker !== stopped) continue;
      this.pending.delete(id);
      clearTimeout(waiting.timer);
      waiting.resolve({ ok: false, message: `The type-check failed: ${why}` });
    }
  }
}

let shared: TypeChecker | undefined;

/** The process-wide checker: one worker for every executor, since TypeScript is loaded once per thread. */
export function checkTypes(code: string, declarations: string): Promise<CheckOutcome> {
  shared ??= new TypeChecker();
  return shared.check(code, declarations);
}
