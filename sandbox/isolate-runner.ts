/**
 * @module sandbox/isolate-runner — one execution in one fresh isolate, from start to disposal.
 *
 * Every execution gets its own isolate and context, disposed at the end: nothing of one execution can
 * be seen by the next (docs/sandbox.md). A host watchdog ends the execution on wall time (awaits and
 * never-settling promises included) and on CPU time, by disposing the isolate; budgets breached in the
 * bridge or the console end it the same way. Whatever ends it first decides the result; the logs so far
 * always come back.
 */
import ivm from 'isolated-vm';
import { Bridge, MAX_CALL_ARGS_CHARS } from './bridge.js';
import { BOOTSTRAP_CLOSURE, MAILBOX_SOURCE, type BootstrapConfig } from './bootstrap.js';
import { PROPERTY_MEMBERS } from './binding-table.js';
import { SleepHost } from './sleep-host.js';
import { ConsoleSink } from './console-sink.js';
import { cpuTimeBreach, endingOf, memoryBreach, wallTimeBreach, type Ending } from './outcome.js';
import type { FreshIsolate } from './spares.js';
import { CODE_FILENAME, type CompiledCode } from './transpile.js';
import type { BindingLookup, ExecuteError, ExecuteResult, SandboxLimits, ToolInvoker } from './types.js';

/** How often the watchdog reads the isolate's CPU time, in milliseconds. */
export const CPU_POLL_MS = 20;

export interface RunJob {
  /** Where the fresh isolate comes from (`SpareIsolates.take`). */
  readonly fresh: (memoryMb: number) => Promise<FreshIsolate>;
  readonly compiled: CompiledCode;
  readonly lookup: BindingLookup;
  readonly invoker: ToolInvoker;
  readonly limits: SandboxLimits;
}

export class IsolateRun {
  private readonly started = performance.now();
  private readonly abort = new AbortController();
  private readonly sink: ConsoleSink;
  private readonly bridge: Bridge;
  private readonly sleeps: SleepHost;
  private isolate: ivm.Isolate | undefined;
  /** The mailbox's `deliver(ticket, reply)`: how a tool call's reply goes back in (see bootstrap.ts). */
  private deliver: ivm.Reference | undefined;
  private ending: Ending | undefined;
  private cpuMs: number | undefined;
  private wake: (() => void) | undefined;
  private readonly timers: { wall?: NodeJS.Timeout; cpu?: NodeJS.Timeout } = {};

  constructor(private readonly job: RunJob) {
    const stop = (error: ExecuteError): void => this.stop({ error });
    this.sink = new ConsoleSink(job.limits.maxConsoleBytes, stop);
    this.bridge = new Bridge(job.lookup, job.invoker, job.limits, this.abort.signal, stop);
    this.sleeps = new SleepHost(Date.now() + job.limits.wallTimeMs);
  }

  async run(): Promise<ExecuteResult> {
    const ended = new Promise<void>((resolve) => (this.wake = resolve));
    this.armWatchdog();
    this.execute().then(
      (ending) => this.stop(ending),
      (error: unknown) => this.stop(this.classify(error)),
    );
    await ended;
    return this.result();
  }

  /** Ends the execution now, from outside (executor shutdown, the caller's cancel). */
  cancel(error: ExecuteError): void {
    this.stop({ error });
  }

  private async execute(): Promise<Ending> {
    const { limits, compiled, lookup } = this.job;
    const { isolate, context } = await this.job.fresh(limits.memoryMb);
    this.isolate = isolate;
    if (this.ending !== undefined) {
      // Stopped (shutdown, watchdog) while waiting for the isolate: it never runs anything.
      isolate.dispose();
      return this.ending;
    }
    const config: BootstrapConfig = {
      namespaces: lookup.namespaces,
      reserved: PROPERTY_MEMBERS,
      special: lookup.specialMembers,
      maxReturnChars: limits.maxReturnChars,
      consoleBytes: limits.maxConsoleBytes,
      maxArgsChars: MAX_CALL_ARGS_CHARS,
      codeFilename: CODE_FILENAME,
    };
    const hostFunctions = [
      new ivm.Reference(this.startCall),
      new ivm.Reference(this.sleeps.sleep),
      new ivm.Callback(this.sink.append),
    ];
    // The mailbox first, in a tiny synchronous step (no model code exists yet): the host's one handle into
    // the isolate is its `deliver`, a function of ours; host functions receive only strings and numbers.
    const mailbox = context.evalClosureSync(MAILBOX_SOURCE, [], { result: { reference: true } });
    this.deliver = mailbox.getSync('deliver', { reference: true });
    const running = context.evalClosure(
      BOOTSTRAP_CLOSURE,
      [...hostFunctions, mailbox, JSON.stringify(config), compiled.js, compiled.expression],
      { result: { promise: true, copy: true } },
    );
    mailbox.release(); // its arguments were copied when the call was made; the bootstrap holds its own
    return endingOf(await running, limits, this.bridge.failures, compiled);
  }

  /** One tool call from the isolate (applyIgnored: nothing waits on this function's result). */
  private readonly startCall = (ticket: unknown, namespace: unknown, member: unknown, argsJson: unknown): void => {
    // The bridge's promise never rejects; its reply goes back in through `deliver`, one hop.
    void this.bridge.call(namespace, member, argsJson).then((reply) => {
      if (this.ending !== undefined) return;
      try {
        this.deliver?.applyIgnored(undefined, [ticket, reply]);
      } catch {
        // The isolate was disposed between the check and the call: the execution is over.
      }
    });
  };

  private armWatchdog(): void {
    const { limits } = this.job;
    this.timers.wall = setTimeout(() => this.stop({ error: wallTimeBreach(limits) }), limits.wallTimeMs);
    this.timers.cpu = setInterval(
      () => {
        const isolate = this.isolate;
        if (isolate === undefined || isolate.isDisposed) return;
        if (Number(isolate.cpuTime) / 1e6 > limits.cpuTimeMs) this.stop({ error: cpuTimeBreach(limits) });
      },
      Math.min(CPU_POLL_MS, limits.cpuTimeMs),
    );
  }

  private classify(error: unknown): Ending {
    const message = error instanceof Error ? error.message : String(error);
    // Only isolated-vm's own errors reach here (the runner catches everything the code throws).
    if (this.isolate?.isDisposed === true && /memory limit/i.test(message))
      return { error: memoryBreach(this.job.limits) };
    return { error: { code: 'TG_INTERNAL', message: `The sandbox failed: ${message}` } };
  }

  private stop(ending: Ending): void {
    if (this.ending !== undefined) return;
    this.ending = ending;
    clearTimeout(this.timers.wall);
    clearInterval(this.timers.cpu);
    this.abort.abort();
    this.bridge.dispose();
    this.sleeps.dispose();
    try {
      this.deliver?.release();
    } catch {
      // Its isolate is gone already (memory limit): nothing to release.
    }
    this.deliver = undefined;
    const isolate = this.isolate;
    if (isolate !== undefined && !isolate.isDisposed) {
      try {
        this.cpuMs = Number(isolate.cpuTime) / 1e6;
        isolate.dispose();
      } catch {
        // Already disposed by its memory limit between the check and the call.
      }
    }
    this.wake?.();
  }

  private result(): ExecuteResult {
    const ending = this.ending ?? {};
    const stats = {
      durationMs: performance.now() - this.started,
      calls: this.bridge.calls,
      resultBytes: this.bridge.resultBytes,
      ...(this.cpuMs === undefined ? {} : { cpuMs: this.cpuMs }),
    };
    return { ...ending, logs: this.sink.logs.slice(), stats };
  }
}
