/**
 * @module src/cli/shared — what every command shares: exit codes, option parsing, config resolution.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfigFile } from '../config/load.js';
import { demoConfig } from '../config/demo.js';
import { DEFAULT_DATA_DIR, type Config } from '../config/schema.js';

export const EXIT_FAILURE = 1;
export const EXIT_CONFIG = 2;

export class UsageError extends Error {}

export const COMMON_OPTIONS = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export interface ResolvedConfig {
  readonly config: Config;
  /** The file it came from, or `undefined` for the built-in demo catalog. */
  readonly path: string | undefined;
}

/** The config file named, or ./toolgate.yaml, or else the built-in demo catalog. */
export function resolveConfig(values: { config?: string | undefined; 'data-dir'?: string | undefined }): ResolvedConfig {
  const loaded = loadConfigFile(values.config);
  if (loaded) {
    const config = values['data-dir'] ? { ...loaded.config, dataDir: values['data-dir'] } : loaded.config;
    return { config, path: loaded.path };
  }
  return { config: demoConfig(values['data-dir'] ?? DEFAULT_DATA_DIR), path: undefined };
}
