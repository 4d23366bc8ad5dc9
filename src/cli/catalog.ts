/**
 * @module src/cli/catalog — `toolgate catalog`: connects to every upstream once and prints each server with
 * its status, health and tool count.
 */
import { Catalog } from '../../catalog/catalog.js';
import type { ServerState } from '../../catalog/types.js';
import { parse, resolveConfig } from './shared.js';

export async function runCatalog(args: string[]): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } });
  const { config } = resolveConfig(values);
  const catalog = new Catalog(config.servers);
  try {
    await catalog.start();
    const servers = catalog.servers();
    process.stdout.write(values.json ? `${JSON.stringify(servers, null, 2)}\n` : formatCatalog(servers));
    return servers.every((s) => s.health === 'healthy') ? 0 : 1;
  } finally {
    await catalog.close();
  }
}

/** One aligned row per server: id, status, health, tools, owner, and the last error when unhealthy. */
export function formatCatalog(servers: readonly ServerState[]): string {
  const rows = [['SERVER', 'STATUS', 'HEALTH', 'TOOLS', 'OWNER', 'NOTE']];
  for (const s of servers) {
    rows.push([s.meta.id, s.meta.status, s.health, String(s.toolCount), s.meta.owner ?? '-', s.lastError ?? '']);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
  const tools = servers.reduce((n, s) => n + s.toolCount, 0);
  return `${lines.join('\n')}\n\n${servers.length} servers, ${tools} tools\n`;
}
