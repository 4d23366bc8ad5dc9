/**
 * @module catalog/call-errors — maps whatever a failed upstream request threw to a coded UpstreamError.
 *
 * Disconnected or crashed → TG_UPSTREAM_UNAVAILABLE; out of time or cancelled → TG_UPSTREAM_TIMEOUT;
 * a JSON-RPC error from the server (or a malformed result) → TG_UPSTREAM_ERROR. A tool result with
 * `isError: true` is not an exception at all: it is returned as the result it is.
 */
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { UpstreamError } from './errors.js';

/** Network-level failures of HTTP upstreams (fetch, sockets) that mean "not reachable", not "refused the call". */
const UNREACHABLE_PATTERN = /fetch failed|ECONNREFUSED|ECONNRESET|EPIPE|ENOTFOUND|EHOSTUNREACH|socket hang up|Not connected|SSE error/i;

export function toUpstreamError(error: unknown, server: string, what: string, signal?: AbortSignal): UpstreamError {
  if (error instanceof UpstreamError) return error;
  if (signal?.aborted === true) {
    return new UpstreamError('TG_UPSTREAM_TIMEOUT', `${what} was cancelled before ${server} answered.`, server);
  }
  if (error instanceof McpError) {
    if (error.code === ErrorCode.RequestTimeout) {
      return new UpstreamError('TG_UPSTREAM_TIMEOUT', `${what} timed out: ${server} did not answer in time.`, server);
    }
    if (error.code === ErrorCode.ConnectionClosed) {
      return new UpstreamError('TG_UPSTREAM_UNAVAILABLE', `${what} failed: the connection to ${server} closed (the server may have crashed).`, server);
    }
    return new UpstreamError('TG_UPSTREAM_ERROR', `${what} failed: ${server} answered with error ${error.code}: ${stripPrefix(error.message)}`, server);
  }
  const issues = (error as { issues?: unknown } | null)?.issues;
  if (Array.isArray(issues)) {
    const first = issues[0] as { path?: unknown[]; message?: string } | undefined;
    const where = first?.path?.length ? first.path.join('.') : 'result';
    return new UpstreamError('TG_UPSTREAM_ERROR', `${what} failed: ${server} answered with a malformed result (${where}: ${first?.message ?? 'invalid'}).`, server);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (UNREACHABLE_PATTERN.test(message) || UNREACHABLE_PATTERN.test(causeMessage(error))) {
    return new UpstreamError('TG_UPSTREAM_UNAVAILABLE', `${what} failed: ${server} is not reachable (${message}).`, server);
  }
  return new UpstreamError('TG_UPSTREAM_ERROR', `${what} failed: ${message}`, server);
}

function stripPrefix(message: string): string {
  return message.replace(/^(MCP error -?\d+: )+/, '');
}

function causeMessage(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  return cause === undefined ? '' : `${String(cause.code ?? '')} ${String(cause.message ?? '')}`;
}
