/**
 * @module src/cli/keys — `toolgate keys create <consumer> | revoke <id> | list`: API keys are printed once on
 * creation and stored only as sha256 hashes in the data dir's key store.
 */
import { resolve } from 'node:path';
import { KeyStore } from '../auth/keys.js';
import { compilePolicy } from '../policy/compile.js';
import { parse, resolveConfig, UsageError } from './shared.js';

export async function runKeys(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  const [action, target] = positionals;
  const { config } = resolveConfig(values);
  const store = new KeyStore(resolve(config.dataDir));
  switch (action) {
    case 'create': {
      if (target === undefined) throw new UsageError('keys create <consumer>');
      if (!compilePolicy(config).consumers.has(target)) throw new UsageError(`no consumer "${target}" in the config; add it under consumers first`);
      const { id, key } = store.create(target);
      process.stdout.write(`${key}\n`);
      process.stderr.write(`created key ${id} for ${target}. It is shown only now: store it in your client's secret store.\n`);
      return 0;
    }
    case 'revoke': {
      if (target === undefined) throw new UsageError('keys revoke <id>');
      const revoked = store.revoke(target);
      process.stdout.write(`revoked key ${revoked.id} of ${revoked.consumer} at ${revoked.revoked}\n`);
      return 0;
    }
    case 'list': {
      const keys = store.list();
      if (values.json) process.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
      else for (const k of keys) process.stdout.write(`${k.id}  ${k.consumer}  created ${k.created}${k.revoked ? `  REVOKED ${k.revoked}` : ''}\n`);
      return 0;
    }
    default:
      throw new UsageError('keys create <consumer> | revoke <id> | list');
  }
}
