/**
 * @module catalog/result — turns an upstream `CallToolResult` into the value model code sees.
 *
 * Order of preference: `structuredContent`; else text content parsed as JSON; else the text itself
 * (several text parts joined by newlines). Images, audio and resources are summarised as small objects,
 * never passed through as base64: code that needs the bytes cannot print them usefully anyway.
 * A result with `isError: true` becomes a TG_UPSTREAM_ERROR carrying the upstream's own message.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { UpstreamError } from './errors.js';
import { splitToolId } from './types.js';

type ContentPart = CallToolResult['content'][number];

/** Characters of a text resource kept in its summary; the rest is dropped with `truncated: true`. */
export const RESOURCE_TEXT_PREVIEW_CHARS = 2_000;

/** The value code sees for `result`; throws UpstreamError (TG_UPSTREAM_ERROR) when `isError` is set. */
export function resultValue(result: CallToolResult, toolId?: string): unknown {
  const parts = result.content ?? [];
  if (result.isError === true) throw upstreamFailure(parts, toolId);
  if (result.structuredContent !== undefined) return result.structuredContent;
  if (parts.length === 0) return null;
  if (parts.every((p) => p.type === 'text')) return parseOrText(parts.map((p) => p.text).join('\n'));
  const summaries = parts.map(summarise);
  return summaries.length === 1 ? summaries[0] : summaries;
}

function upstreamFailure(parts: readonly ContentPart[], toolId: string | undefined): UpstreamError {
  const text = parts
    .filter((p) => p.type === 'text')
    .map((p) => p.text)
    .join('\n')
    .trim();
  const what = toolId ?? 'the upstream tool';
  const message = text === '' ? `${what} reported an error without a message.` : `${what} failed: ${text}`;
  const server = toolId === undefined ? undefined : splitToolId(toolId)?.server;
  return new UpstreamError('TG_UPSTREAM_ERROR', message, server);
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function summarise(part: ContentPart): unknown {
  switch (part.type) {
    case 'text':
      return part.text;
    case 'image':
    case 'audio':
      return { type: part.type, mimeType: part.mimeType, bytes: Buffer.byteLength(part.data, 'base64') };
    case 'resource_link':
      return { type: 'resource_link', uri: part.uri, name: part.name, ...(part.mimeType !== undefined && { mimeType: part.mimeType }) };
    case 'resource': {
      const { resource } = part;
      const base = { type: 'resource', uri: resource.uri, ...(resource.mimeType !== undefined && { mimeType: resource.mimeType }) };
      if ('text' in resource && typeof resource.text === 'string') {
        const truncated = resource.text.length > RESOURCE_TEXT_PREVIEW_CHARS;
        return { ...base, text: resource.text.slice(0, RESOURCE_TEXT_PREVIEW_CHARS), ...(truncated && { truncated }) };
      }
      const blob = 'blob' in resource && typeof resource.blob === 'string' ? resource.blob : '';
      return { ...base, bytes: Buffer.byteLength(blob, 'base64') };
    }
    default:
      return { type: (part as { type: string }).type };
  }
}
