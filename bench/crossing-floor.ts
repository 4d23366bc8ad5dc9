/**
 * @module bench/crossing-floor — isolated-vm's own cost of one isolate → host → isolate crossing, with
 * nothing of Toolgate's in it. It measures isolated-vm itself, so it is the one file outside sandbox/ that
 * imports it (eslint.config.js exempts it by name).
 */
import ivm from 'isolated-vm';

/**
 * isolated-vm's own crossing, with nothing of Toolgate's: an isolate awaiting a host function that returns
 * a resolved promise, the same `Reference.apply` the bridge uses. Milliseconds per call. Every crossing
 * wakes the Node thread, then an isolate thread: its cost is the machine's cross-core wake latency.
 */
export async function crossingFloor(calls: number): Promise<number> {
  const isolate = new ivm.Isolate({ memoryLimit: 32 });
  try {
    const context = await isolate.createContext();
    const host = new ivm.Reference((_ns: string, _member: string, args: string) => Promise.resolve(`1${args}`));
    const loopCode =
      'const h = $0; const options = { result: { promise: true } };\n' +
      `return (async () => { for (let i = 0; i < ${calls}; i++) await h.apply(undefined, ['fake', 'echo', '{"i":' + i + '}'], options); })();`;
    const t0 = performance.now();
    await context.evalClosure(loopCode, [host], { result: { promise: true } });
    return (performance.now() - t0) / calls;
  } finally {
    isolate.dispose();
  }
}

