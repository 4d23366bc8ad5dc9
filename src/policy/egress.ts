/**
 * @module src/policy/egress — a server's declared egress must lie within the consumer's outbound allow-list.
 *
 * Domains are compared after normalisation (lower case, no trailing dot, IDN as punycode, no port), because
 * DNS names are case-insensitive and `API.Slack.com.` is the host `api.slack.com`. `*.example.com` allows
 * every subdomain of example.com but not example.com itself; a lone `*` allows every domain.
 */
import { deny, type Decision, ALLOW } from './decision.js';

const MAX_MEMO = 10_000; // distinct domains remembered per allow-list

export interface DomainMatcher {
  /** The allow-list as written in config. */
  readonly domains: readonly string[];
  allows(domain: string): boolean;
}

/** Normalises a host or `host:port` to the comparable form; returns the input lower-cased when it is no host. */
export function normaliseDomain(domain: string): string {
  const trimmed = domain.trim().toLowerCase().replace(/\.$/, '');
  try {
    return new URL(`http://${trimmed}`).hostname.replace(/\.$/, '');
  } catch {
    return trimmed;
  }
}

export function compileDomains(domains: readonly string[]): DomainMatcher {
  const exact = new Set<string>();
  const suffixes: string[] = []; // each `.example.com`
  let any = false;
  for (const entry of domains) {
    if (entry.trim() === '*') any = true;
    else if (entry.startsWith('*.')) suffixes.push(`.${normaliseDomain(entry.slice(2))}`);
    else exact.add(normaliseDomain(entry));
  }
  // Servers declare few domains, so answers are memoised: normalising through URL costs ~1 µs a call.
  const memo = new Map<string, boolean>();
  return {
    domains: Object.freeze([...domains]),
    allows(domain) {
      if (any) return true;
      let ok = memo.get(domain);
      if (ok === undefined) {
        const d = normaliseDomain(domain);
        ok = exact.has(d) || suffixes.some((s) => d.endsWith(s) && d.length > s.length);
        if (memo.size >= MAX_MEMO) memo.clear();
        memo.set(domain, ok);
      }
      return ok;
    },
  };
}

/**
 * Allowed when every domain the server reaches is on the consumer's list. The denial names the first
 * offending domain so an administrator sees which line of config to change.
 */
export function checkEgress(
  server: { readonly id: string; readonly egress: readonly string[] },
  allowList: DomainMatcher,
  consumer: string,
): Decision {
  for (const domain of server.egress) {
    if (!allowList.allows(domain)) {
      return deny(
        'TG_EGRESS_BLOCKED',
        `server ${server.id} reaches ${domain}, which is not in the outbound allow-list of ${consumer}.`,
        `outbound.allowDomains(missing ${normaliseDomain(domain)})`,
      );
    }
  }
  return ALLOW;
}
