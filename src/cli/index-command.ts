/**
 * @module src/cli/index-command — `toolgate index [--server X] [--full]`: connects to the upstreams and builds
 * or updates the persisted search index, with a progress bar on a terminal and a summary at the end.
 */
import { join, resolve } from 'node:path';
import { Catalog } from '../../catalog/catalog.js';
import { selectEmbedder } from '../../index/embedders/select.js';
import { createSearchIndex } from '../../index/search-index.js';
import { progressBar } from './progress.js';
import { parse, resolveConfig, UsageError } from './shared.js';

export async function runIndex(args: string[]): Promise<number> {
  const { values } = parse(args, { server: { type: 'string' }, full: { type: 'boolean' } });
  const { config } = resolveConfig(values);
  const servers = values.server === undefined ? config.servers : config.servers.filter((s) => s.id === values.server);
  if (values.server !== undefined && servers.length === 0) throw new UsageError(`--server: no server "${values.server}" in the config`);
  const started = performance.now();
  const { embedder, reason } = await selectEmbedder(config.embedder);
  process.stderr.write(`embedder: ${embedder.id} (${reason})\n`);
  const dataDir = join(resolve(config.dataDir), 'index');
  const index = createSearchIndex({ embedder, dataDir });
  const loaded = await index.load();
  process.stderr.write(`persisted index: ${loaded.loaded ? `loaded ${loaded.records} records` : `not loaded (${loaded.reason})`}\n`);
  const catalog = new Catalog(servers);
  try {
    await catalog.start();
    const records = catalog.records();
    const bar = progressBar(process.stderr, records.length);
    const summary = await index.rebuild(records, { onProgress: bar.update, force: values.full === true, ...(values.server === undefined ? {} : { server: values.server }) });
    bar.done();
    await index.save();
    const took = ((performance.now() - started) / 1000).toFixed(2);
    process.stdout.write(`embedded ${summary.embedded}, reused ${summary.reused}, removed ${summary.removed}, took ${took} s (${index.size} tools indexed)\n`);
    return 0;
  } finally {
    await catalog.close();
  }
}
