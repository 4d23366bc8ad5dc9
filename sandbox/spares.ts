/**
 * @module sandbox/spares — fresh isolates made ahead of demand, so an execution does not wait for one.
 *
 * A spare is an isolate and an empty context that no code has ever run in; each is handed out once and
 * disposed by the execution that took it, so keeping spares changes nothing about isolation. It only
 * moves the isolate's creation (~1–2 ms) off the request's path. Spares are made for the executor's
 * default heap size; a request with another `memoryMb` gets an isolate made on the spot.
 */
import ivm from 'isolated-vm';

/** Spare isolates kept ready; each holds a few MB of heap while it waits. */
export const DEFAULT_SPARE_ISOLATES = 2;

export interface FreshIsolate {
  readonly isolate: ivm.Isolate;
  readonly context: ivm.Context;
}

export class SpareIsolates {
  private readonly ready: FreshIsolate[] = [];
  private filling = false;
  private closed = false;

  constructor(
    private readonly memoryMb: number,
    private readonly count: number = DEFAULT_SPARE_ISOLATES,
    private readonly onCatastrophicError?: (message: string) => void,
  ) {
    this.refill();
  }

  get available(): number {
    return this.ready.length;
  }

  /** A never-used isolate with an empty context; the caller disposes it. */
  async take(memoryMb: number): Promise<FreshIsolate> {
    const spare = memoryMb === this.memoryMb ? this.ready.shift() : undefined;
    this.refill();
    return spare ?? createFresh(memoryMb, this.onCatastrophicError);
  }

  close(): void {
    this.closed = true;
    for (const { isolate } of this.ready.splice(0)) isolate.dispose();
  }

  /** Makes spares one at a time in later turns of the event loop, never inside a request's own turn. */
  private refill(): void {
    if (this.filling || this.closed || this.ready.length >= this.count) return;
    this.filling = true;
    setImmediate(() => {
      createFresh(this.memoryMb, this.onCatastrophicError).then(
        (fresh) => {
          this.filling = false;
          if (this.closed) fresh.isolate.dispose();
          else this.ready.push(fresh);
          this.refill();
        },
        () => {
          // Out of memory on the host, most likely: stop making spares; executions make their own.
          this.filling = false;
        },
      );
    });
  }
}

async function createFresh(memoryMb: number, onCatastrophicError?: (message: string) => void): Promise<FreshIsolate> {
  const isolate = new ivm.Isolate(
    onCatastrophicError === undefined ? { memoryLimit: memoryMb } : { memoryLimit: memoryMb, onCatastrophicError },
  );
  try {
    return { isolate, context: await isolate.createContext() };
  } catch (error) {
    isolate.dispose();
    throw error;
  }
}
