import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSecret, resolveSecrets, SecretError, SecretRefSchema, secretValues } from '../../catalog/secrets.js';

const dir = mkdtempSync(join(tmpdir(), 'toolgate-secrets-'));
const file = join(dir, 'token');
writeFileSync(file, 'from-file\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { API_TOKEN: 'from-env' };

describe('resolveSecret', () => {
  it('resolves env: and file: references (file contents trimmed) and leaves literals alone', () => {
    expect(resolveSecret('env:API_TOKEN', env)).toBe('from-env');
    expect(resolveSecret(`file:${file}`, env)).toBe('from-file');
    expect(resolveSecret('plain value', env)).toBe('plain value');
  });

  it('resolves references embedded in a longer value', () => {
    expect(resolveSecret('Bearer ${env:API_TOKEN}', env)).toBe('Bearer from-env');
    expect(resolveSecret(`a=\${env:API_TOKEN};b=\${file:${file}}`, env)).toBe('a=from-env;b=from-file');
  });

  it('names the missing variable or file without a value', () => {
    expect(() => resolveSecret('env:NOPE_NOT_SET', env)).toThrow(new SecretError('environment variable NOPE_NOT_SET is not set'));
    expect(() => resolveSecret('Bearer ${env:NOPE_NOT_SET}', env)).toThrow('environment variable NOPE_NOT_SET is not set');
    expect(() => resolveSecret(`file:${dir}/missing`, env)).toThrow(`cannot read secret file ${dir}/missing: ENOENT`);
  });

  it('resolves records and lists only the secret parts for masking', () => {
    const values = { Authorization: 'Bearer ${env:API_TOKEN}', X: 'literal', Y: `file:${file}` };
    expect(resolveSecrets(values, env)).toEqual({ Authorization: 'Bearer from-env', X: 'literal', Y: 'from-file' });
    expect(secretValues(values, env)).toEqual(['from-env', 'from-file']);
  });

  it('SecretRefSchema accepts only references', () => {
    expect(SecretRefSchema.safeParse('env:ADMIN_KEY').success).toBe(true);
    expect(SecretRefSchema.safeParse('hunter2').success).toBe(false);
  });
});
