/**
 * @module src/config/runnable — the servers the gateway may start. Blocked servers are never started, by the
 * gateway or by any command: a server under suspicion does not get to run code on this host.
 */
import type { Config } from './schema.js';

export function runnableServers(config: Pick<Config, 'servers'>): Config['servers'] {
  return config.servers.filter((s) => s.status !== 'blocked');
}
