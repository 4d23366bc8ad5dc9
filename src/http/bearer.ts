/**
 * @module src/http/bearer — one constant-time check of an `Authorization: Bearer <key>` header against a
 * configured key, for the routes that have their own key (admin API, metrics).
 */
import { timingSafeEqual } from 'node:crypto';

export function bearerMatches(expected: Buffer, header: string | undefined): boolean {
  const presented = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
