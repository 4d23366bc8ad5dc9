/**
 * @module src/config/runnable — which configured servers may be started. Blocked servers are never started, by
 * the gateway or by any command: a server under suspicion does not get to run code on this host. They are
 * still listed, as stopped, so an administrator sees why their tools are missing.
 */
import { metaOf } from '../../catalog/catalog.js';
import type { ServerState } from '../../catalog/types.js';
import type { Config } from './schema.js';

type Servers = Pick<Config, 'servers'>;

const isBlocked = (server: Config['servers'][number]): boolean => server.status === 'blocked';

export function runnableServers(config: Servers): Config['servers'] {
  return config.servers.filter((s) => !isBlocked(s));
}

/** The blocked servers as catalog listings show them: stopped, no tools, and why. */
export function blockedServerStates(config: Servers): ServerState[] {
  return config.servers.filter(isBlocked).map((s) => ({ meta: metaOf(s), health: 'stopped', toolCount: 0, lastError: 'blocked in config: not started' }));
}
