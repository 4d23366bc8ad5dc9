import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFERENCE_PACKAGES, referenceServerEntries, referenceServerEntry } from '../../catalog/reference-servers.js';

describe('referenceServerEntry', () => {
  it('resolves the bin entry point of each reference server inside node_modules', () => {
    const entries = referenceServerEntries();
    for (const [server, path] of Object.entries(entries)) {
      expect(path).toBe(referenceServerEntry(server as keyof typeof REFERENCE_PACKAGES));
      expect(path).toMatch(new RegExp(`node_modules/${REFERENCE_PACKAGES[server as keyof typeof REFERENCE_PACKAGES]}/dist/index\\.js$`));
      expect(existsSync(path)).toBe(true);
    }
  });
});
