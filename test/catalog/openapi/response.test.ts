import { describe, expect, it } from 'vitest';
import { excerpt, maskSecrets, readBody, toCallToolResult } from '../../../catalog/openapi/response.js';

describe('responses', () => {
  it('read at most the byte cap and say the result was truncated', async () => {
    const body = await readBody(new Response('x'.repeat(100)), 10);
    expect(body).toEqual({ text: 'x'.repeat(10), truncated: true });
    const result = toCallToolResult(body, 'application/json');
    expect(result.structuredContent).toBeUndefined();
    expect(result.content[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/^x{10}\n\[truncated: the response was larger than \d+ bytes\]$/) });
  });

  it('give structuredContent for JSON objects only', () => {
    expect(toCallToolResult({ text: '{"a":1}', truncated: false }, 'application/json; charset=utf-8')).toEqual({ content: [{ type: 'text', text: '{"a":1}' }], structuredContent: { a: 1 } });
    expect(toCallToolResult({ text: '[1]', truncated: false }, 'application/json')).toEqual({ content: [{ type: 'text', text: '[1]' }] });
    expect(toCallToolResult({ text: '{"a":1}', truncated: false }, 'text/plain')).toEqual({ content: [{ type: 'text', text: '{"a":1}' }] });
    expect(toCallToolResult({ text: ' ', truncated: false }, null)).toEqual({ content: [] });
  });

  it('mask every resolved secret of useful length, and excerpt error bodies on one line', () => {
    expect(maskSecrets('a sk-123 b sk-123 abcd abc', ['sk-123', 'abcd', 'abc'])).toBe('a [secret] b [secret] [secret] abc');
    expect(excerpt('line one\n  line two', 12)).toBe('line one li…');
  });
});
