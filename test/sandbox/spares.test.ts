/**
 * Spare isolates: made ahead, handed out once, never used before, disposed on close.
 */
import { describe, expect, it } from 'vitest';
import { SpareIsolates } from '../../sandbox/spares.js';

const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('SpareIsolates', () => {
  it('keeps the asked number ready and refills after a take', async () => {
    const spares = new SpareIsolates(16, 2);
    await until(() => spares.available === 2);
    expect(spares.available).toBe(2);
    const taken = await spares.take(16);
    expect(spares.available).toBe(1);
    await until(() => spares.available === 2);
    expect(spares.available).toBe(2);
    taken.isolate.dispose();
    spares.close();
  });

  it('hands out distinct isolates whose context no code has touched', async () => {
    const spares = new SpareIsolates(16, 2);
    await until(() => spares.available === 2);
    const a = await spares.take(16);
    const b = await spares.take(16);
    expect(a.isolate).not.toBe(b.isolate);
    const probe = 'Object.getOwnPropertyNames(globalThis).filter((k) => !/^[A-Z]/.test(k)).sort().join()';
    const globalsA: unknown = await a.context.eval(probe);
    expect(await b.context.eval(probe)).toBe(globalsA);
    expect(globalsA).not.toMatch(/sleep/);
    a.isolate.dispose();
    b.isolate.dispose();
    spares.close();
  });

  it('makes an isolate on the spot for another heap size', async () => {
    const spares = new SpareIsolates(16, 1);
    await until(() => spares.available === 1);
    const other = await spares.take(32);
    expect(spares.available).toBe(1);
    expect(other.isolate.getHeapStatisticsSync().heap_size_limit).toBeGreaterThan(16 * 2 ** 20);
    other.isolate.dispose();
    spares.close();
  });

  it('disposes its spares on close and makes no more', async () => {
    const spares = new SpareIsolates(16, 2);
    await until(() => spares.available === 2);
    spares.close();
    expect(spares.available).toBe(0);
    const late = await spares.take(16);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(spares.available).toBe(0);
    late.isolate.dispose();
  });
});
