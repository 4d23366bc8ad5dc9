/**
 * @module src/cli — `toolgate <command>`: serve, check-config, catalog, index, eval, keys, audit.
 * Exit codes: 0 success, 1 runtime failure, 2 invalid config or usage.
 */
import { ToolgateError } from './errors.js';
import { runAudit } from './cli/audit.js';
import { runCatalog } from './cli/catalog.js';
import { runCheckConfig } from './cli/check-config.js';
import { runEvalCommand } from './cli/eval.js';
import { runIndex } from './cli/index-command.js';
import { runKeys } from './cli/keys.js';
import { runServe } from './cli/serve.js';
import { EXIT_CONFIG, EXIT_FAILURE, UsageError } from './cli/shared.js';

const USAGE = `Usage: toolgate <command> [options]

Commands:
  serve [--stdio] [--host H] [--port P]   start the gateway (Streamable HTTP by default, or stdio)
  check-config                             validate the config file and exit (2 when invalid)
  catalog [--json]                         connect to every upstream and print status and tool counts
  index [--server ID] [--full]             build or update the search index
  eval --tools F --queries F | --estates D retrieval quality (hit@k, Recall@k, MRR, nDCG@10)
  keys create <consumer> | revoke <id> | list
  audit tail [-n N] | query [--consumer C] [--tool T] [--since ISO]

Common options:
  --config FILE     config file (default ./toolgate.yaml; without one, the built-in demo catalog)
  --data-dir DIR    data directory (default .toolgate)
`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  serve: runServe,
  'check-config': runCheckConfig,
  catalog: runCatalog,
  index: runIndex,
  eval: runEvalCommand,
  keys: runKeys,
  audit: runAudit,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? EXIT_CONFIG : 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`toolgate: unknown command "${command}"\n\n${USAGE}`);
    return EXIT_CONFIG;
  }
  try {
    return await run(rest);
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
