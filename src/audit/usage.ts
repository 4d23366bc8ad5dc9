/**
 * @module src/audit/usage — calls each consumer made today (UTC), read back from the audit log, so a daily
 * quota survives a restart: every call that passed the limits step is a `call` record with decision
 * `allow`, on disk before its result reached the code.
 */
import { statSync } from 'node:fs';
import { auditFiles } from './rotation.js';
import { queryLines } from './query.js';

const MS_PER_DAY = 86_400_000;

/** Allowed calls per consumer since 00:00 UTC of `now`; files last written before that are not read. */
export async function callsToday(dataDir: string, now: number = Date.now()): Promise<Map<string, number>> {
  const dayStart = Math.floor(now / MS_PER_DAY) * MS_PER_DAY;
  const files = auditFiles(dataDir).filter((file) => statSync(file).mtimeMs >= dayStart);
  const used = new Map<string, number>();
  for await (const r of queryLines(files)) {
    if (r.kind !== 'call' || r.decision !== 'allow' || typeof r.consumer !== 'string') continue;
    if (!(Date.parse(r.time) >= dayStart)) continue;
    used.set(r.consumer, (used.get(r.consumer) ?? 0) + 1);
  }
  return used;
}
