/**
 * @module sandbox/console-sink — the host end of `console.*` in the isolate, bounded by maxConsoleBytes.
 *
 * Each call arrives already formatted as one string. The sink answers with the bytes still allowed, so
 * the isolate cuts the next message before it crosses; the call that goes past the budget is kept up to
 * the limit and ends the execution (TG_BUDGET_EXCEEDED) with everything logged so far.
 */
import type { ExecuteError } from './types.js';

const LEVELS: ReadonlySet<string> = new Set(['log', 'info', 'warn', 'error', 'debug']);

export class ConsoleSink {
  readonly logs: string[] = [];
  private bytes = 0;
  private exhausted = false;

  constructor(
    private readonly maxBytes: number,
    private readonly breach: (error: ExecuteError) => void,
  ) {}

  /** Called synchronously from the isolate; must not throw. Returns bytes left, or -1 once spent. */
  readonly append = (level: unknown, text: unknown): number => {
    if (this.exhausted) return -1;
    if (typeof level !== 'string' || !LEVELS.has(level) || typeof text !== 'string') return this.maxBytes - this.bytes;
    const entry = level === 'log' ? text : `[${level}] ${text}`;
    const size = Buffer.byteLength(entry);
    if (this.bytes + size <= this.maxBytes) {
      this.logs.push(entry);
      this.bytes += size;
      return this.maxBytes - this.bytes;
    }
    const room = this.maxBytes - this.bytes;
    if (room > 0) this.logs.push(Buffer.from(entry).subarray(0, room).toString());
    this.bytes = this.maxBytes;
    this.exhausted = true;
    this.breach({
      code: 'TG_BUDGET_EXCEEDED',
      message:
        `Console output limit reached: the code logged more than ${this.maxBytes} bytes ` +
        `(maxConsoleBytes = ${this.maxBytes}). Log less: summaries, counts, or the first few items.`,
    });
    return -1;
  };
}
