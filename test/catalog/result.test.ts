import { describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { UpstreamError } from '../../catalog/errors.js';
import { RESOURCE_TEXT_PREVIEW_CHARS, resultValue } from '../../catalog/result.js';

const text = (t: string) => ({ type: 'text' as const, text: t });
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('resultValue', () => {
  it('prefers structuredContent over the text that mirrors it', () => {
    const result: CallToolResult = { content: [text('{"a":1}')], structuredContent: { a: 2 } };
    expect(resultValue(result)).toEqual({ a: 2 });
  });

  it('parses text content that is JSON', () => {
    expect(resultValue({ content: [text('{"sum":5,"list":[1,2]}')] })).toEqual({ sum: 5, list: [1, 2] });
    expect(resultValue({ content: [text('42')] })).toBe(42);
  });

  it('returns plain text as is, and joins several text parts with newlines', () => {
    expect(resultValue({ content: [text('hello world')] })).toBe('hello world');
    expect(resultValue({ content: [text('line one'), text('line two')] })).toBe('line one\nline two');
  });

  it('returns null for a result without content', () => {
    expect(resultValue({ content: [] })).toBeNull();
  });

  it('summarises an image by type, mime type and decoded byte count', () => {
    expect(resultValue({ content: [{ type: 'image', mimeType: 'image/png', data: PNG_1X1 }] })).toEqual({ type: 'image', mimeType: 'image/png', bytes: 70 });
  });

  it('gives an array when text and other parts are mixed', () => {
    const result: CallToolResult = {
      content: [
        text('caption'),
        { type: 'audio', mimeType: 'audio/wav', data: 'AAAA' },
        { type: 'resource_link', uri: 'file:///a.txt', name: 'a.txt', mimeType: 'text/plain' },
        { type: 'resource', resource: { uri: 'mem://blob', blob: 'AAAAAA==' } },
      ],
    };
    expect(resultValue(result)).toEqual([
      'caption',
      { type: 'audio', mimeType: 'audio/wav', bytes: 3 },
      { type: 'resource_link', uri: 'file:///a.txt', name: 'a.txt', mimeType: 'text/plain' },
      { type: 'resource', uri: 'mem://blob', bytes: 4 },
    ]);
  });

  it('keeps a preview of a long text resource and marks it truncated', () => {
    const long = 'x'.repeat(RESOURCE_TEXT_PREVIEW_CHARS + 10);
    const value = resultValue({ content: [{ type: 'resource', resource: { uri: 'mem://t', mimeType: 'text/plain', text: long } }] });
    expect(value).toEqual({ type: 'resource', uri: 'mem://t', mimeType: 'text/plain', text: 'x'.repeat(RESOURCE_TEXT_PREVIEW_CHARS), truncated: true });
  });

  it('turns isError into TG_UPSTREAM_ERROR carrying the upstream message and server', () => {
    const call = () => resultValue({ isError: true, content: [text('Issue PROJ-9 does not exist')] }, 'jira.get_issue');
    expect(call).toThrow(UpstreamError);
    try {
      call();
    } catch (error) {
      expect(error).toMatchObject({ code: 'TG_UPSTREAM_ERROR', server: 'jira', message: 'jira.get_issue failed: Issue PROJ-9 does not exist' });
    }
  });

  it('says so when an error result has no message', () => {
    expect(() => resultValue({ isError: true, content: [] })).toThrow('the upstream tool reported an error without a message.');
  });
});
