/**
 * @module test/catalog/support — configs for the fixture servers and small bounded waits used by the catalog tests.
 */
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BackoffPolicy } from '../../catalog/backoff.js';
import { StdioServerSchema, type StdioServerConfig } from '../../catalog/server-config.js';

export const FIXTURE_SERVERS = fileURLToPath(new URL('../fixtures/servers/', import.meta.url));

/** Fast retries so reconnect tests take milliseconds, not seconds. */
export const TEST_BACKOFF: BackoffPolicy = { baseMs: 50, factor: 2, maxMs: 400, jitter: 0, stableMs: 60_000 };

/** A stdio config that runs `test/fixtures/servers/<script>` with this Node. */
export function fixtureConfig(id: string, script: string, args: string[] = [], extra: Record<string, unknown> = {}): StdioServerConfig {
  return StdioServerSchema.parse({ id, transport: 'stdio', command: process.execPath, args: [FIXTURE_SERVERS + script, ...args], ...extra });
}

/** Polls `predicate` every 20 ms until it holds or `timeoutMs` passes; throws with `what` on timeout. */
export async function waitUntil(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
