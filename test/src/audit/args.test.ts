import { describe, expect, it } from 'vitest';
import { auditCode, MAX_AUDIT_CODE_CHARS } from '../../../src/audit/args.js';

const mask = (value: unknown) => String(value).replaceAll('s3cret', '[REDACTED:secret]');

describe('auditCode', () => {
  it('keeps the redacted text in redact mode', () => {
    expect(auditCode('const key = "s3cret";', 'redact', mask)).toEqual({ text: 'const key = "[REDACTED:secret]";', truncated: false });
  });

  it('keeps nothing in hash mode (the execution record still has the hash)', () => {
    expect(auditCode('return 1;', 'hash', mask)).toBeUndefined();
  });

  it('cuts code longer than MAX_AUDIT_CODE_CHARS and says so', () => {
    const long = 'x'.repeat(MAX_AUDIT_CODE_CHARS + 10);
    const kept = auditCode(long, 'redact', mask);
    expect(kept?.truncated).toBe(true);
    expect(kept?.text).toHaveLength(MAX_AUDIT_CODE_CHARS);
  });
});
