/**
 * @module sandbox/pool — how many executions run at once, and how many may wait.
 *
 * A slot is held for a whole execution. Past the running limit a request waits in a FIFO queue; a full
 * queue, a wait longer than `maxQueueWaitMs`, or a closed pool answers TG_BUSY at once, never a hang.
 * A runaway execution holds one slot until its own wall/CPU limit ends it, so it costs the others one
 * slot's share; isolated-vm gives each busy isolate its own thread, so it cannot block their CPU either.
 */

/** Executions running at once. Most of an execution's life is spent awaiting upstreams, so more than
 * the core count; each may hold up to memoryMb of heap (8 × 64 MB = 512 MB worst case). */
export const DEFAULT_MAX_CONCURRENT_EXECUTIONS = 8;
/** Executions waiting for a slot; one more is refused with TG_BUSY. */
export const DEFAULT_MAX_QUEUED_EXECUTIONS = 64;
/** Longest wait for a slot, in milliseconds, before TG_BUSY. */
export const DEFAULT_MAX_QUEUE_WAIT_MS = 10_000;

export interface PoolOptions {
  readonly maxConcurrent?: number;
  readonly maxQueued?: number;
  readonly maxQueueWaitMs?: number;
}

export type Admission = { readonly ok: true; release(): void } | { readonly ok: false; readonly reason: string };

interface Waiter {
  readonly admit: (admission: Admission) => void;
  readonly timer: NodeJS.Timeout;
}

export class ExecutionPool {
  readonly maxConcurrent: number;
  readonly maxQueued: number;
  readonly maxQueueWaitMs: number;
  private running = 0;
  private closed = false;
  private readonly queue: Waiter[] = [];

  constructor(options: PoolOptions = {}) {
    this.maxConcurrent = positive(
      options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT_EXECUTIONS,
      'maxConcurrentExecutions',
    );
    this.maxQueued = nonNegative(options.maxQueued ?? DEFAULT_MAX_QUEUED_EXECUTIONS, 'maxQueuedExecutions');
    this.maxQueueWaitMs = positive(options.maxQueueWaitMs ?? DEFAULT_MAX_QUEUE_WAIT_MS, 'maxQueueWaitMs');
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** A slot, or a refusal; aborting `signal` while waiting leaves the queue at once with a refusal. */
  acquire(signal?: AbortSignal): Promise<Admission> {
    if (signal?.aborted) return Promise.resolve(refuse('The request was cancelled.'));
    if (this.closed) return Promise.resolve(refuse('The executor is shutting down.'));
    if (this.running < this.maxConcurrent) return Promise.resolve(this.grant());
    if (this.queue.length >= this.maxQueued) {
      return Promise.resolve(
        refuse(
          `All ${this.maxConcurrent} execution slots are busy and ${this.maxQueued} executions are already waiting.`,
        ),
      );
    }
    return new Promise((resolve) => {
      const leave = (reason: string): void => {
        const index = this.queue.indexOf(waiter);
        if (index !== -1) this.queue.splice(index, 1);
        waiter.admit(refuse(reason));
      };
      const onAbort = (): void => leave('The request was cancelled.');
      const waiter: Waiter = {
        admit: (admission) => {
          clearTimeout(waiter.timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(admission);
        },
        timer: setTimeout(
          () => leave(`No execution slot became free within ${this.maxQueueWaitMs} ms (maxQueueWaitMs).`),
          this.maxQueueWaitMs,
        ),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  /** Refuses everything waiting and everything new; running executions finish or are cancelled by their owner. */
  close(): void {
    this.closed = true;
    for (const waiter of this.queue.splice(0)) waiter.admit(refuse('The executor is shutting down.'));
  }

  private grant(): Admission {
    this.running++;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.running--;
        const next = this.queue.shift();
        if (next === undefined) return;
        next.admit(this.grant());
      },
    };
  }
}

function refuse(reason: string): Admission {
  return { ok: false, reason };
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function nonNegative(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`${name} must be an integer >= 0, got ${value}`);
  return value;
}
