/**
 * @module src/cli — `toolgate <command>`: serve, check-config, catalog, index, eval, keys, audit.
 * Exit codes: 0 success, 1 runtime failure, 2 invalid config or usage.
 */
import { ToolgateError } from './errors.js';
import { EXIT_CONFIG, EXIT_FAILURE, UsageError } from './cli/shared.js';

const USAGE = `Usage: toolgate <command> [options]

Commands:
  serve [--stdio] [--host H] [--port P]   start the gateway (Streamable HTTP by default, or stdio)
  check-config [--offline]                 validate the config, lint the policy against the servers' tools (2 when invalid)
  catalog [--json]                         connect to every upstream and print status and tool counts
  index [--server ID] [--full]             build or update the search index
  eval --tools F --queries F | --estates D retrieval quality (hit@k, Recall@k, MRR, nDCG@10)
  keys create <consumer> | revoke <id> | list
  audit tail [-n N] | query [--consumer C] [--tool T] [--execution ID] [--since ISO|15m]

Common options:
  --config FILE     config file (default ./toolgate.yaml; without one, the built-in demo catalog)
  --data-dir DIR    data directory (default .toolgate)
`;

type Command = (args: string[]) => Promise<number>;

/** Each command is loaded on use, so `keys` or `check-config` do not pay for the sandbox or the embedders. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./cli/serve.js')).runServe,
  'check-config': async () => (await import('./cli/check-config.js')).runCheckConfig,
  catalog: async () => (await import('./cli/catalog.js')).runCatalog,
  index: async () => (await import('./cli/index-command.js')).runIndex,
  eval: async () => (await import('./cli/eval.js')).runEvalCommand,
  keys: async () => (await import('./cli/keys.js')).runKeys,
  audit: async () => (await import('./cli/audit.js')).runAudit,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? EXIT_CONFIG : 0;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    process.stderr.write(`toolgate: unknown command "${command}"\n\n${USAGE}`);
    return EXIT_CONFIG;
  }
  try {
    return await (await load())(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`toolgate ${command}: ${error.message}\n`);
      return EXIT_CONFIG;
    }
    if (error instanceof ToolgateError && error.code === 'TG_CONFIG_INVALID') {
      process.stderr.write(`${error.code}: ${error.message}\n`);
      return EXIT_CONFIG;
    }
    process.stderr.write(`toolgate ${command}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

process.exitCode = await main(process.argv.slice(2));
