/**
 * @module src/cli/catalog — `toolgate catalog [list] [--json]`, `toolgate catalog diff <server>`,
 * `toolgate catalog approve <server> [--tool T ...]`. Connects to the upstreams once; approval writes the
 * catalog lock in the data dir, which a running gateway picks up within a second.
 */
import { resolve } from 'node:path';
import { Catalog } from '../../catalog/catalog.js';
import { formatLockDiff, lockDiff } from '../../catalog/lock-diff.js';
import type { ServerState } from '../../catalog/types.js';
import { blockedServerStates, runnableServers } from '../config/runnable.js';
import { Approvals, serverPolicyInfo } from '../gateway/approvals.js';
import { bindTools, withCollisionWarnings } from '../gateway/bound.js';
import { parse, resolveConfig, UsageError } from './shared.js';

export async function runCatalog(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, tool: { type: 'string', multiple: true } });
  const [action = 'list', server] = positionals;
  const { config } = resolveConfig(values);
  if (action !== 'list' && (server === undefined || !config.servers.some((s) => s.id === server))) {
    throw new UsageError(`catalog ${action} <server>: name a server of the config (${config.servers.map((s) => s.id).join(', ')})`);
  }
  const runnable = runnableServers(config);
  if (action !== 'list' && !runnable.some((s) => s.id === server)) throw new UsageError(`catalog ${action} ${server}: the server is blocked in the config, so it is not started`);
  const catalog = new Catalog(action === 'list' ? runnable : runnable.filter((s) => s.id === server));
  // The same review rules as the running gateway, which picks up the lock file within a second.
  const info = serverPolicyInfo(config.servers);
  const approvals = new Approvals(resolve(config.dataDir), (id) => info.get(id));
  try {
    await catalog.start();
    switch (action) {
      case 'list': {
        const servers = [...withCollisionWarnings(catalog.servers(), bindTools(catalog.records()).collisions, (id) => catalog.get(id)?.server), ...blockedServerStates(config)];
        process.stdout.write(values.json ? `${JSON.stringify(servers, null, 2)}\n` : formatCatalog(servers));
        return servers.every((s) => s.health === 'healthy') ? 0 : 1;
      }
      case 'diff': {
        const diff = lockDiff(approvals.current(), server!, catalog.records());
        process.stdout.write(values.json ? `${JSON.stringify(diff, null, 2)}\n` : formatLockDiff(diff));
        return 0;
      }
      case 'approve': {
        const before = lockDiff(approvals.current(), server!, catalog.records());
        approvals.approve(server!, catalog.records(), values.tool);
        process.stdout.write(`approved ${values.tool ? values.tool.join(', ') : `all ${catalog.records().length} tools`} of ${server}\n${formatLockDiff(before)}`);
        return 0;
      }
      default:
        throw new UsageError('catalog [list] | diff <server> | approve <server> [--tool T ...]');
    }
  } finally {
    await catalog.close();
  }
}

/** One aligned row per server: id, status, health, tools, owner, and its last error or warning. */
export function formatCatalog(servers: readonly ServerState[]): string {
  const rows = [['SERVER', 'STATUS', 'HEALTH', 'TOOLS', 'OWNER', 'NOTE']];
  for (const s of servers) {
    rows.push([s.meta.id, s.meta.status, s.health, String(s.toolCount), s.meta.owner ?? '-', s.lastError ?? s.warning ?? '']);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
  const tools = servers.reduce((n, s) => n + s.toolCount, 0);
  return `${lines.join('\n')}\n\n${servers.length} servers, ${tools} tools\n`;
}
