/**
 * @module src/http/guard — DNS-rebinding protection: the Host header must name this gateway, and a browser
 * Origin, when present, must be one the operator allowed. Checked before anything else on every request.
 * Also the one place that knows what "loopback" is: as a listen address and as a peer address.
 */
export interface HostGuard {
  check(host: string | undefined, origin: string | undefined): { ok: true } | { ok: false; reason: string };
}

/** Loopback names as they appear in a Host header (IPv6 in brackets). */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Whether a listen address is loopback only. */
export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.includes(host) || host === '::1';
}

/** Whether a peer address (fastify's `request.ip`) is this machine: 127.0.0.0/8 or ::1, IPv4-mapped or not. */
export function isLoopbackPeer(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
  return v4.startsWith('127.') || ip === '::1';
}

/** The Host values accepted when the operator listed none: the listen address and, on loopback, its aliases. */
export function defaultAllowedHosts(host: string, port: number): string[] {
  const names = isLoopback(host) ? LOOPBACK_NAMES : [host];
  return names.map((name) => `${name}:${port}`);
}

export function createHostGuard(allowedHosts: readonly string[], allowedOrigins: readonly string[]): HostGuard {
  const hosts = new Set(allowedHosts.map((h) => h.toLowerCase()));
  const origins = new Set(allowedOrigins.map((o) => o.toLowerCase()));
  return {
    check(host, origin) {
      if (host === undefined || !hosts.has(host.toLowerCase())) {
        return { ok: false, reason: `Host ${JSON.stringify(host ?? '')} is not allowed (DNS-rebinding protection); allowed: ${[...hosts].join(', ')}` };
      }
      if (origin !== undefined && !origins.has(origin.toLowerCase())) {
        return { ok: false, reason: `Origin ${JSON.stringify(origin)} is not allowed; add it to listen.allowedOrigins` };
      }
      return { ok: true };
    },
  };
}
