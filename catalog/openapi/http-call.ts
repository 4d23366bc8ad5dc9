/**
 * @module catalog/openapi/http-call — sends one request with a deadline and maps the outcome:
 * 2xx → CallToolResult; 4xx/5xx → TG_UPSTREAM_ERROR with the status and a short body excerpt; no
 * connection → TG_UPSTREAM_UNAVAILABLE; out of time or cancelled → TG_UPSTREAM_TIMEOUT. Redirects are
 * followed only within the same origin, since egress was checked for the base URL's host alone.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { toUpstreamError } from '../call-errors.js';
import { UpstreamError } from '../errors.js';
import type { HttpRequest } from './request.js';
import { ERROR_EXCERPT_CHARS, excerpt, maskSecrets, readBody, toCallToolResult } from './response.js';

/** Same-origin redirects followed per call (count). */
export const MAX_REDIRECTS = 3;

/** A 4xx/5xx answer; `status` lets callers tell "not found" from "server broken". */
export class HttpStatusError extends UpstreamError {
  constructor(message: string, server: string, readonly status: number) {
    super('TG_UPSTREAM_ERROR', message, server);
  }
}

export interface SendOptions {
  readonly server: string;
  /** `<server>.<tool>`, for messages. */
  readonly what: string;
  readonly timeoutMs: number;
  /** The whole call's budget quoted in the timeout message (default timeoutMs, the part left for HTTP). */
  readonly budgetMs?: number;
  readonly signal?: AbortSignal;
  /** Resolved secret values, masked in whatever is returned or thrown. */
  readonly secrets: readonly string[];
}

export async function sendRequest(request: HttpRequest, options: SendOptions): Promise<CallToolResult> {
  const { server, what, timeoutMs, secrets } = options;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
  try {
    let url = request.url;
    let method = request.method;
    let body = request.body;
    for (let hop = 0; ; hop++) {
      const response = await fetch(url, { method, headers: request.headers, redirect: 'manual', signal, ...(body !== undefined && { body }) });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        const next = new URL(location, url);
        await response.body?.cancel().catch(() => undefined);
        if (next.origin !== url.origin || hop >= MAX_REDIRECTS) {
          throw new HttpStatusError(`${what} failed: HTTP ${response.status} redirect to ${next.origin} was not followed (only ${MAX_REDIRECTS} same-origin redirects are).`, server, response.status);
        }
        // 303, and 301/302 after a POST, continue as a GET without a body (what browsers do).
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        url = next;
        continue;
      }
      const read = await readBody(response);
      const text = maskSecrets(read.text, secrets);
      if (response.status >= 400) {
        const quoted = text.trim() === '' ? '' : `: ${excerpt(text, ERROR_EXCERPT_CHARS)}`;
        throw new HttpStatusError(`${what} failed: HTTP ${response.status} ${response.statusText}${quoted}`, server, response.status);
      }
      return toCallToolResult({ ...read, text }, response.headers.get('content-type'));
    }
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    if (timeout.aborted && options.signal?.aborted !== true) {
      throw new UpstreamError('TG_UPSTREAM_TIMEOUT', `${what} timed out: ${server} did not answer within ${options.budgetMs ?? timeoutMs} ms.`, server);
    }
    const coded = toUpstreamError(error, server, what, options.signal);
    throw new UpstreamError(coded.code, maskSecrets(coded.message, secrets), server);
  }
}
