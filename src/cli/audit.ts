/**
 * @module src/cli/audit — `toolgate audit tail [-n N]` and `toolgate audit query [--consumer C] [--tool T]
 * [--execution ID] [--since 15m|ISO]`: the audit log's JSONL records, newest last.
 */
import { resolve } from 'node:path';
import { auditFiles } from '../audit/rotation.js';
import { queryAudit, tailAudit } from '../audit/query.js';
import { ToolgateError } from '../errors.js';
import { parse, resolveConfig, UsageError } from './shared.js';

const DEFAULT_TAIL = 20; // records

export async function runAudit(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    n: { type: 'string', short: 'n' },
    consumer: { type: 'string' },
    tool: { type: 'string' },
    since: { type: 'string' },
    execution: { type: 'string' },
  });
  const { config } = resolveConfig(values);
  const files = auditFiles(resolve(config.dataDir));
  let records;
  switch (positionals[0]) {
    case 'tail': {
      const n = values.n === undefined ? DEFAULT_TAIL : Number(values.n);
      if (!Number.isInteger(n) || n <= 0) throw new UsageError(`-n: expected a positive integer, got ${values.n}`);
      records = await tailAudit(files, n);
      break;
    }
    case 'query':
      try {
        records = await queryAudit(files, {
          ...(values.consumer ? { consumer: values.consumer } : {}),
          ...(values.tool ? { tool: values.tool } : {}),
          ...(values.since ? { since: values.since } : {}),
          ...(values.execution ? { executionId: values.execution } : {}),
        });
      } catch (error) {
        // A bad --since is a usage error (exit 2), like any other bad option.
        if (error instanceof ToolgateError && error.code === 'TG_REQUEST_INVALID') throw new UsageError(error.message);
        throw error;
      }
      break;
    default:
      throw new UsageError('audit tail [-n N] | query [--consumer C] [--tool T] [--execution ID] [--since 15m|ISO]');
  }
  for (const record of records) process.stdout.write(`${JSON.stringify(record)}\n`);
  return 0;
}
