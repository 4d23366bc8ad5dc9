/**
 * @module src/cli/check-config — `toolgate check-config`: validates the config (schema and policy) and exits.
 */
import { compilePolicy } from '../policy/compile.js';
import { parse, resolveConfig } from './shared.js';

export async function runCheckConfig(args: string[]): Promise<number> {
  const { values } = parse(args, {});
  const { config, path } = resolveConfig(values);
  compilePolicy(config);
  const consumers = config.consumers.length;
  process.stdout.write(
    `${path ?? 'built-in demo config'}: ok (${config.servers.length} servers, ${consumers} consumers, ${Object.keys(config.toolGroups).length} tool groups)\n`,
  );
  return 0;
}
