/**
 * @module catalog/openapi/call-operation — one tool call: resolve the configured credentials (now, so a
 * rotated secret is used at once), build the request, send it within the remaining budget. Resolved
 * values go only into the request's headers and the list of strings to mask.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { UpstreamError } from '../errors.js';
import { resolveSecrets, secretValues } from '../secrets.js';
import { sendRequest } from './http-call.js';
import { buildRequest, RequestBuildError, type RequestTarget } from './request.js';

export interface CallContext {
  readonly server: string;
  readonly baseUrl: string;
  /** Configured header values: literals or secret references. */
  readonly headers: Readonly<Record<string, string>>;
  readonly env: NodeJS.ProcessEnv;
  /** The call's whole budget, ms, and when it ends (epoch ms). */
  readonly budgetMs: number;
  readonly deadline: number;
  readonly signal?: AbortSignal;
}

export async function callOperation(name: string, target: RequestTarget, args: Record<string, unknown>, ctx: CallContext): Promise<CallToolResult> {
  const what = `${ctx.server}.${name}`;
  let headers: Record<string, string>;
  try {
    headers = resolveSecrets(ctx.headers, ctx.env);
  } catch (error) {
    throw new UpstreamError('TG_UPSTREAM_UNAVAILABLE', `${what} failed: a credential of ${ctx.server} is missing (${(error as Error).message}).`, ctx.server);
  }
  let request;
  try {
    request = buildRequest(target, args, ctx.baseUrl, headers);
  } catch (error) {
    if (!(error instanceof RequestBuildError)) throw error;
    throw new UpstreamError('TG_UPSTREAM_ERROR', `${what} was not sent: ${error.message}.`, ctx.server);
  }
  const secrets = secretValues(ctx.headers, ctx.env);
  const timeoutMs = Math.max(1, ctx.deadline - Date.now());
  return sendRequest(request, { server: ctx.server, what, timeoutMs, budgetMs: ctx.budgetMs, secrets, ...(ctx.signal && { signal: ctx.signal }) });
}
