import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import { RESTART_ONLY_SETTINGS, restartNeeded } from '../../../src/config/reload-plan.js';

const HASH_A = `sha256:${'a'.repeat(64)}`;
const HASH_B = `sha256:${'b'.repeat(64)}`;

describe('restartNeeded', () => {
  const base = parseConfig({ consumers: [{ consumer: 'ci', allow: { tools: ['*'] }, apiKeyHashes: [HASH_A] }] });

  it('is empty when only what a reload applies changed: servers, groups, consumers and their policy, limits', () => {
    const next = parseConfig({
      toolGroups: { reads: ['memory.read_graph'] },
      consumers: [{ consumer: 'ci', allow: { tools: ['*'] }, apiKeyHashes: [HASH_A] }, { consumer: 'bot', allow: { toolGroups: ['reads'] } }],
      limits: { callsPerExecution: 7 },
    });
    expect(restartNeeded(base, next)).toEqual([]);
  });

  it('names every start-only setting that changed, by path', () => {
    const next = parseConfig({
      consumers: [{ consumer: 'ci', allow: { tools: ['*'] }, apiKeyHashes: [HASH_B] }],
      listen: { port: 9999 },
      search: { defaultLimit: 3 },
      audit: { args: 'hash' },
      auth: { metricsKey: 'env:SCRAPE_KEY' },
    });
    expect(restartNeeded(base, next)).toEqual(['listen', 'search', 'audit', 'auth.metricsKey', 'consumers.ci.apiKeyHashes']);
  });

  it('lists only paths that exist in the config schema', () => {
    const config = parseConfig({}) as unknown as Record<string, Record<string, unknown>>;
    for (const path of RESTART_ONLY_SETTINGS) {
      const [section] = path.split('.');
      expect(Object.keys(config).concat('stdioConsumer')).toContain(section);
    }
  });
});
