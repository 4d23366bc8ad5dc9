/**
 * @module src/cli/check-config — `toolgate check-config [--offline]`: validates the config (schema and
 * policy), then connects to the configured servers once, as `toolgate catalog` does, and lints the policy
 * against their tools (src/policy/lint.ts): warnings are printed, errors exit 2 like a schema error.
 * `--offline` skips the connection and the lint. A config with no servers, or with no tool groups and no
 * consumers, has no policy to check against a catalog and is not connected either.
 */
import { Catalog } from '../../catalog/catalog.js';
import { runnableServers } from '../config/runnable.js';
import type { Config } from '../config/schema.js';
import { ToolgateError } from '../errors.js';
import { compilePolicy, type CompiledPolicy } from '../policy/compile.js';
import { lintPolicy, type PolicyIssue } from '../policy/lint.js';
import { parse, resolveConfig } from './shared.js';

export async function runCheckConfig(args: string[]): Promise<number> {
  const { values } = parse(args, { offline: { type: 'boolean' } });
  const { config, path } = resolveConfig(values);
  const source = path ?? 'built-in demo config';
  const policy = compilePolicy(config);
  const hasPolicy = config.consumers.length > 0 || Object.keys(config.toolGroups).length > 0;
  const lint = values.offline || config.servers.length === 0 || !hasPolicy ? undefined : await lintAgainstCatalog(config, policy);

  const issues = lint?.issues ?? [];
  for (const issue of issues.filter((i) => i.severity === 'warning')) process.stderr.write(`warning: ${issue.path}: ${issue.message}\n`);
  const errors = issues.filter((i) => i.severity === 'error').map((i) => `${i.path}: ${i.message}`);
  if (errors.length > 0) {
    throw new ToolgateError('TG_CONFIG_INVALID', `${source}: the policy does not match the catalog:\n  ${errors.join('\n  ')}`, { issues: errors });
  }
  const checked = lint === undefined ? 'policy not checked against a catalog' : `policy checked against ${lint.tools} tools`;
  const warnings = issues.length === 0 ? '' : `, ${issues.length} warning${issues.length === 1 ? '' : 's'}`;
  process.stdout.write(
    `${source}: ok (${config.servers.length} servers, ${config.consumers.length} consumers, ${Object.keys(config.toolGroups).length} tool groups); ${checked}${warnings}\n`,
  );
  return 0;
}

/**
 * Connects every server once and lints the policy against the tools listed. A server that cannot be reached
 * is a warning, and then "names no tool" errors become warnings too: the missing tools may be its own.
 */
async function lintAgainstCatalog(config: Config, policy: CompiledPolicy): Promise<{ issues: PolicyIssue[]; tools: number }> {
  const catalog = new Catalog(runnableServers(config));
  try {
    await catalog.start();
    const toolIds = catalog.records().map((record) => record.id);
    const unreached: PolicyIssue[] = config.servers.flatMap((server, i) => {
      if (server.status === 'blocked') return [{ severity: 'warning', path: `servers[${i}]`, message: `${server.id} is blocked: not started, the policy was not checked against its tools` }];
      const state = catalog.server(server.id);
      if (state?.health === 'healthy') return [];
      const why = state?.lastError ?? state?.health ?? 'not started';
      return [{ severity: 'warning', path: `servers[${i}]`, message: `could not reach ${server.id} (${why}); the policy was not checked against its tools` }];
    });
    const found = lintPolicy(policy, toolIds);
    const issues = unreached.length === 0 ? found : found.map((issue) => ({ ...issue, severity: 'warning' as const }));
    return { issues: [...unreached, ...issues], tools: toolIds.length };
  } finally {
    await catalog.close();
  }
}
