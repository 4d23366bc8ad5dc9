/**
 * @module src/gateway/consumer-slots — how many executions each consumer runs at once
 * (`limits.concurrentExecutions`). The sandbox pool is shared by every consumer; without this, one busy
 * agent could take all its slots and leave the others waiting. Past its own limit a consumer gets TG_BUSY
 * at once, while others still find free slots.
 */

export class ConsumerSlots {
  private readonly running = new Map<string, number>();

  /** A release function when the consumer is under `limit` (undefined: no limit), else undefined. */
  acquire(consumer: string, limit: number | undefined): (() => void) | undefined {
    const now = this.running.get(consumer) ?? 0;
    if (limit !== undefined && now >= limit) return undefined;
    this.running.set(consumer, now + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(consumer) ?? 1) - 1;
      if (left > 0) this.running.set(consumer, left);
      else this.running.delete(consumer);
    };
  }

  /** Executions the consumer is running now. */
  count(consumer: string): number {
    return this.running.get(consumer) ?? 0;
  }
}
