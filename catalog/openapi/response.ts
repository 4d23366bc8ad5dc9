/**
 * @module catalog/openapi/response — an HTTP response as an MCP CallToolResult: a JSON object becomes
 * `structuredContent` (with its JSON text as content), other JSON and text become text content, an empty
 * body no content. Bodies are read up to MAX_RESPONSE_BYTES; resolved secrets are masked in everything
 * returned, in case an API echoes a credential back.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** Largest response body read, bytes; the rest is dropped with a notice (the gateway caps again per call). */
export const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;
/** Characters of an error response body quoted in the error message. */
export const ERROR_EXCERPT_CHARS = 500;
/** Shortest secret masked: masking shorter strings would shred ordinary output. */
export const MIN_MASKED_SECRET_CHARS = 4;
export const SECRET_MASK = '[secret]';

export interface ReadBody {
  readonly text: string;
  readonly truncated: boolean;
}

/** Reads at most `maxBytes` of the body, then cancels the rest. */
export async function readBody(response: Response, maxBytes = MAX_RESPONSE_BYTES): Promise<ReadBody> {
  if (response.body === null) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}

/** Replaces every resolved secret in `text`. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length >= MIN_MASKED_SECRET_CHARS).reduce((out, s) => out.split(s).join(SECRET_MASK), text);
}

export function toCallToolResult(body: ReadBody, contentType: string | null): CallToolResult {
  if (body.truncated) {
    return { content: [{ type: 'text', text: `${body.text}\n[truncated: the response was larger than ${MAX_RESPONSE_BYTES} bytes]` }] };
  }
  if (body.text.trim() === '') return { content: [] };
  const parsed = /json/i.test(contentType ?? '') ? parseJson(body.text) : undefined;
  if (parsed !== undefined && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    return { content: [{ type: 'text', text: body.text }], structuredContent: parsed as Record<string, unknown> };
  }
  return { content: [{ type: 'text', text: body.text }] };
}

/** A one-line excerpt of an error body for messages. */
export function excerpt(text: string, max = ERROR_EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
