import { describe, expect, it } from 'vitest';
import { luhnValid } from '../../../src/redact/patterns.js';
import { createRedactor } from '../../../src/redact/redact.js';
import { ConfigSchema } from '../../../src/config/schema.js';

describe('redaction', () => {
  const redact = createRedactor();

  it('masks e-mail addresses, secrets and Luhn-valid card numbers deeply and counts them by kind', () => {
    const input = {
      issues: [
        { reporter: 'ana.lopez@example.com', body: 'card 4111 1111 1111 1111 on file; call +44 20 7946 0958' },
        { body: 'token sk-proj-abcdefghijklmnopqrstuvwx1234 and ghp_abcdefghijklmnopqrstuvwxyz0123456789' },
      ],
      meta: { count: 2, slack: 'xoxb-1234567890-abcdefghij', password: 'hunter2' },
    };
    const r = redact(input);
    expect(r.value).toEqual({
      issues: [
        { reporter: '[REDACTED:email]', body: 'card [REDACTED:card] on file; call +44 20 7946 0958' },
        { body: 'token [REDACTED:secret] and [REDACTED:secret]' },
      ],
      meta: { count: 2, slack: '[REDACTED:secret]', password: '[REDACTED:secret]' },
    });
    expect(r.counts).toEqual({ email: 1, card: 1, secret: 4 });
    expect(r.total).toBe(6);
    expect(input.issues[0]!.reporter).toBe('ana.lopez@example.com');
  });

  it('keeps digit runs that fail the Luhn check, and Luhn-valid ones no card network issues (ms timestamps)', () => {
    const r = redact({ a: '4111 1111 1111 1112', ts: '1763700000005', order: '9111111111111110' });
    expect(r.value).toEqual({ a: '4111 1111 1111 1112', ts: '1763700000005', order: '9111111111111110' });
    expect(r.total).toBe(0);
    expect(redact('mc 5555-5555-5555-4444.').value).toBe('mc [REDACTED:card].');
  });

  it('masks JWTs, AWS keys, PEM private keys, bearer headers and Toolgate keys', () => {
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlX2hlcmU';
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIBVQ\n-----END PRIVATE KEY-----';
    const tg = 'tg_' + 'A'.repeat(43);
    const r = redact([jwt, 'AKIAIOSFODNN7EXAMPLE', pem, 'Authorization: Bearer abcdefghijklmnop1234', tg]);
    expect(r.value).toEqual(Array(5).fill('[REDACTED:secret]').map((m, i) => (i === 3 ? `Authorization: ${m}` : m)));
    expect(r.counts).toEqual({ secret: 5 });
  });

  it('applies only the configured kinds and extra patterns', () => {
    const only = createRedactor({ kinds: ['email'], patterns: [{ kind: 'employee', pattern: 'EMP-\\d{6}' }], secretKeys: [] });
    const r = only({ who: 'a@b.io EMP-123456', card: '4111111111111111', password: 'x' });
    expect(r.value).toEqual({ who: '[REDACTED:email] [REDACTED:employee]', card: '4111111111111111', password: 'x' });
    expect(r.counts).toEqual({ email: 1, employee: 1 });
  });

  it('leaves non-string values and empty results alone', () => {
    expect(redact({ n: 4111111111111111, b: true, z: null })).toEqual({ value: { n: 4111111111111111, b: true, z: null }, counts: {}, total: 0 });
  });

  it('implements the Luhn check', () => {
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('378282246310006')).toBe(false);
    expect(luhnValid('12345')).toBe(false);
  });
});

describe('redaction config', () => {
  it('defaults to every built-in kind and takes extra patterns from toolgate.yaml', () => {
    const config = ConfigSchema.parse({ redact: { patterns: [{ kind: 'employee', pattern: 'EMP-\\d{6}' }] } });
    expect(config.redact.kinds).toEqual(['secret', 'email', 'card']);
    expect(createRedactor(config.redact)('EMP-123456 a@b.io').value).toBe('[REDACTED:employee] [REDACTED:email]');
  });

  it('rejects a pattern that is not a regular expression, naming its path', () => {
    const r = ConfigSchema.safeParse({ redact: { patterns: [{ kind: 'x', pattern: '(' }] } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['redact', 'patterns', 0, 'pattern'], message: 'expected a valid regular expression' });
  });
});

describe('redaction of MCP results', () => {
  it('masks text content and leaves base64 image data alone', () => {
    const data = Buffer.from('4111111111111111 sk-proj-abcdefghijklmnopqrstuvwx1234').toString('base64');
    const result = { content: [{ type: 'text', text: 'owner: ana@example.com' }, { type: 'image', mimeType: 'image/png', data }] };
    const r = createRedactor()(result);
    expect(r.value).toEqual({ content: [{ type: 'text', text: 'owner: [REDACTED:email]' }, { type: 'image', mimeType: 'image/png', data }] });
  });
});
