/**
 * @module src/config/load — reads `toolgate.yaml`, validates it once with zod, and deep-freezes the result.
 * Every error is quoted with its path (`consumers[0].limits.rateLimitPerMinute: expected a positive integer`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ToolgateError } from '../errors.js';
import { type Config, ConfigSchema } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'toolgate.yaml';

/** Turns zod issues into `path: message` lines. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Freezes a parsed value all the way down: config and policy objects are never mutated after load. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Validates an already-parsed config object. Throws TG_CONFIG_INVALID listing every issue with its path. */
export function parseConfig(raw: unknown, source = 'config'): Config {
  const result = ConfigSchema.safeParse(raw ?? {});
  if (!result.success) {
    const lines = formatIssues(result.error.issues);
    throw new ToolgateError('TG_CONFIG_INVALID', `${source} is invalid:\n  ${lines.join('\n  ')}`, { issues: lines });
  }
  checkCrossReferences(result.data, source);
  return deepFreeze(result.data);
}

/** Rules that span fields: unique server ids and consumer names, known tool groups. */
function checkCrossReferences(config: Config, source: string): void {
  const lines: string[] = [];
  const seen = new Set<string>();
  config.servers.forEach((server, i) => {
    if (seen.has(server.id)) lines.push(`servers[${i}].id: duplicate server id "${server.id}"`);
    seen.add(server.id);
  });
  const consumers = new Set<string>();
  config.consumers.forEach((consumer, i) => {
    if (consumers.has(consumer.consumer)) lines.push(`consumers[${i}].consumer: duplicate consumer "${consumer.consumer}"`);
    consumers.add(consumer.consumer);
    for (const side of ['allow', 'deny'] as const) {
      consumer[side]?.toolGroups.forEach((group, j) => {
        if (!Object.hasOwn(config.toolGroups, group)) {
          lines.push(`consumers[${i}].${side}.toolGroups[${j}]: unknown tool group "${group}" (define it under toolGroups)`);
        }
      });
    }
  });
  if (config.stdioConsumer !== undefined && !consumers.has(config.stdioConsumer)) {
    lines.push(`stdioConsumer: unknown consumer "${config.stdioConsumer}"`);
  }
  if (lines.length > 0) {
    throw new ToolgateError('TG_CONFIG_INVALID', `${source} is invalid:\n  ${lines.join('\n  ')}`, { issues: lines });
  }
}

/** Parses YAML text; YAML syntax errors are reported with line and column. */
export function parseConfigText(text: string, source = 'config'): Config {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => `${e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '(yaml)'}: ${e.message.split('\n')[0]}`);
    throw new ToolgateError('TG_CONFIG_INVALID', `${source} is not valid YAML:\n  ${lines.join('\n  ')}`, { issues: lines });
  }
  return parseConfig(doc.toJS(), source);
}

/**
 * Loads the config file. With no `--config` and no `toolgate.yaml` in the working directory,
 * returns `undefined`: the caller falls back to the built-in demo catalog.
 */
export function loadConfigFile(path: string | undefined): { config: Config; path: string } | undefined {
  const file = path ?? DEFAULT_CONFIG_FILE;
  if (!existsSync(file)) {
    if (path === undefined) return undefined;
    throw new ToolgateError('TG_CONFIG_INVALID', `${file}: file not found`, { issues: [`${file}: file not found`] });
  }
  return { config: parseConfigText(readFileSync(file, 'utf8'), file), path: file };
}
