/**
 * @module catalog/reference-servers — where the MCP reference servers installed as the project's own
 * dependencies keep their entry points, so the demo catalog launches them with `process.execPath`
 * and nothing is downloaded at run time.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const REFERENCE_PACKAGES = {
  everything: '@modelcontextprotocol/server-everything',
  filesystem: '@modelcontextprotocol/server-filesystem',
  memory: '@modelcontextprotocol/server-memory',
} as const;

export type ReferenceServer = keyof typeof REFERENCE_PACKAGES;

/** Absolute path of the package's `bin` entry point (a plain Node script). */
export function referenceServerEntry(server: ReferenceServer): string {
  const packageName = REFERENCE_PACKAGES[server];
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin ?? {})[0];
  if (bin === undefined) throw new Error(`${packageName} declares no bin entry point`);
  return join(dirname(manifestPath), bin);
}

/** All three entry points. */
export function referenceServerEntries(): Record<ReferenceServer, string> {
  return {
    everything: referenceServerEntry('everything'),
    filesystem: referenceServerEntry('filesystem'),
    memory: referenceServerEntry('memory'),
  };
}
