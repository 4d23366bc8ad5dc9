/**
 * @module catalog/wait-exit — waits until a child process is really gone, so `close()` leaves no orphans.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** How often we probe for the pid, ms. */
const EXIT_POLL_MS = 20;
/** After this long (ms) a survivor gets SIGKILL; the SDK transport has already sent stdin EOF and SIGTERM. */
const EXIT_GRACE_MS = 5_000;
/** After SIGKILL we wait at most this long (ms) for the kernel to reap it. */
const KILL_WAIT_MS = 1_000;

/** True while `pid` names a live process we may signal. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Resolves once `pid` has exited (killing it after a grace period); never rejects. */
export async function waitForExit(pid: number): Promise<void> {
  const graceEnds = Date.now() + EXIT_GRACE_MS;
  while (isAlive(pid) && Date.now() < graceEnds) await sleep(EXIT_POLL_MS);
  if (!isAlive(pid)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  const killEnds = Date.now() + KILL_WAIT_MS;
  while (isAlive(pid) && Date.now() < killEnds) await sleep(EXIT_POLL_MS);
}
