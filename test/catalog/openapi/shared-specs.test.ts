/**
 * Loads every real-world spec in ../shared/openapi/ (when that folder exists: a user's clone lacks it)
 * and checks each yields one valid tool per operation. Figures (load times) live in bench/openapi-load.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import * as formatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { loadApi } from '../../../catalog/openapi/load-api.js';
import { MAX_TOOL_NAME_CHARS } from '../../../catalog/openapi/names.js';

const SHARED = join(process.cwd(), '..', 'shared', 'openapi');
/** Operation counts from ../shared/openapi/README.md. */
const EXPECTED_TOOLS: Record<string, number> = { cloudflare: 1533, stripe: 417, github: 623, jira: 616, slack: 174, notion: 24 };

// ajv-formats is CommonJS; its default export arrives as the module object under NodeNext.
const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ?? formatsModule) as unknown as FormatsPlugin;

/** The options src/policy/validate.ts compiles tool schemas with (strict: false, draft-07 first). */
function validator(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, addUsedSchema: false, logger: false });
  addFormats(ajv);
  return ajv;
}

function specs(): Array<{ api: string; file: string }> {
  if (!existsSync(SHARED)) return [];
  return readdirSync(SHARED, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(SHARED, d.name)).filter((f) => /\.(json|ya?ml)$/i.test(f)).map((f) => ({ api: d.name, file: join(SHARED, d.name, f) })));
}

describe.skipIf(!existsSync(SHARED))('the shared real-world specs', () => {
  it.each(specs())('$api loads with one valid, uniquely named tool per operation, each schema compiling with ajv', async ({ api, file }) => {
    const ajv = validator();
    const loaded = await loadApi({ spec: file, headers: {} });
    const names = loaded.records.map((t) => t.name);
    console.log(`${api}: ${names.length} tools, base URL ${loaded.baseUrl}`);
    if (EXPECTED_TOOLS[api] !== undefined) expect(names.length).toBe(EXPECTED_TOOLS[api]);
    expect(new Set(names).size).toBe(names.length);
    for (const tool of loaded.records) {
      expect(tool.name).toMatch(/^[A-Za-z0-9_.-]+$/);
      expect(tool.name.length).toBeLessThanOrEqual(MAX_TOOL_NAME_CHARS);
      expect(tool.inputSchema.type).toBe('object');
      expect(JSON.stringify(tool.inputSchema)).not.toContain('$ref');
      expect(() => ajv.compile(tool.inputSchema), tool.name).not.toThrow();
    }
  }, 120_000);
});
