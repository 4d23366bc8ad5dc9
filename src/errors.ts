/**
 * @module src/errors — the one table of Toolgate's error codes.
 *
 * Every coded failure in the gateway is a row here: a stable `TG_*` code, the HTTP status it maps to,
 * and what the caller should do next. Codes are never reused once retired; `test/src/errors.test.ts`
 * pins the table against `docs/errors.md`. Lower layers (catalog, sandbox) name the codes they raise
 * as string literals; the `satisfies` clauses below keep them in this table.
 */
import type { CatalogErrorCode } from '../catalog/errors.js';
import type { SandboxErrorCode } from '../sandbox/types.js';

export interface ErrorSpec {
  /** HTTP status when the error ends an HTTP request. */
  readonly status: number;
  /** One line for humans and models: what it means. */
  readonly summary: string;
  /** What the caller should do next; appended to messages the model reads. */
  readonly hint: string;
}

export const ERRORS = {
  TG_CONFIG_INVALID: { status: 500, summary: 'The configuration is invalid.', hint: 'Fix the quoted path in the config file and start again.' },
  TG_UNAUTHENTICATED: { status: 401, summary: 'No valid credentials were presented.', hint: 'Send Authorization: Bearer <api key or JWT>.' },
  TG_CONSUMER_UNKNOWN: { status: 403, summary: 'The credentials map to no configured consumer.', hint: 'Ask an administrator to add the consumer.' },
  TG_ACL_DENIED: { status: 403, summary: 'The tool is not allowed for this consumer.', hint: 'Use search_tools to find tools you may call.' },
  TG_EGRESS_BLOCKED: { status: 403, summary: 'The tool reaches a domain outside the consumer\'s outbound allow-list.', hint: 'Use a tool whose server stays within your allowed domains.' },
  TG_RATE_LIMITED: { status: 429, summary: 'Too many requests in the current window.', hint: 'Wait and retry, or make fewer calls per minute.' },
  TG_QUOTA_EXCEEDED: { status: 429, summary: 'The daily quota is used up.', hint: 'Try again after the quota resets at 00:00 UTC.' },
  TG_BUDGET_EXCEEDED: { status: 429, summary: 'A per-execution budget (calls, bytes, output) was exceeded.', hint: 'Do less in one execution: fewer calls, smaller results, less console output.' },
  TG_ARGS_INVALID: { status: 400, summary: 'The arguments do not match the tool\'s input schema.', hint: 'Check the declaration from search_tools and pass the required fields with the right types.' },
  TG_TOOL_NOT_FOUND: { status: 404, summary: 'No such tool.', hint: 'Use search_tools to find the exact name.' },
  TG_TOOL_QUARANTINED: { status: 409, summary: 'The tool\'s definition changed upstream and awaits review.', hint: 'Use another tool, or ask a catalog maintainer to approve the change.' },
  TG_UPSTREAM_UNAVAILABLE: { status: 502, summary: 'The upstream server is not reachable.', hint: 'Retry later; the gateway reconnects on its own.' },
  TG_UPSTREAM_TIMEOUT: { status: 504, summary: 'The upstream server did not answer in time.', hint: 'Retry with a smaller request, or later.' },
  TG_UPSTREAM_ERROR: { status: 502, summary: 'The upstream tool reported an error.', hint: 'Read the upstream message and adjust the arguments.' },
  TG_CODE_INVALID: { status: 400, summary: 'The code could not be compiled.', hint: 'Fix the syntax error at the given line and column.' },
  TG_CODE_ERROR: { status: 400, summary: 'The code threw an uncaught error.', hint: 'Fix the error at the given line, or catch it.' },
  TG_SANDBOX_TIMEOUT: { status: 408, summary: 'The execution ran past its wall-clock limit.', hint: 'Do less per execution, or avoid waiting on promises that never settle.' },
  TG_SANDBOX_CPU: { status: 408, summary: 'The execution used more CPU time than allowed.', hint: 'Avoid long loops; do the heavy work in fewer steps.' },
  TG_SANDBOX_MEMORY: { status: 413, summary: 'The execution used more memory than allowed.', hint: 'Keep less data in memory; process results in smaller pieces.' },
  TG_RESULT_INVALID: { status: 400, summary: 'The returned value cannot be represented as JSON.', hint: 'Return plain JSON values: objects, arrays, strings, numbers, booleans, null.' },
  TG_BUSY: { status: 503, summary: 'The gateway is at capacity.', hint: 'Retry in a moment.' },
  TG_CANCELLED: { status: 499, summary: 'The client cancelled the request; the execution was stopped.', hint: 'Nothing to fix; send the request again if it is still wanted.' },
  TG_REQUEST_INVALID: { status: 400, summary: 'The request is malformed.', hint: 'Send a valid request as documented.' },
  TG_INTERNAL: { status: 500, summary: 'An internal error occurred.', hint: 'Retry; if it persists, report it with the execution id.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

// Compile-time check: a code that catalog or sandbox raises but this table lacks fails the typecheck.
const lowerCodesAreRows: Record<CatalogErrorCode | SandboxErrorCode, ErrorSpec> = ERRORS;
void lowerCodesAreRows;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}

/** A coded error thrown within the gateway's own code (config, auth, pipeline). */
export class ToolgateError extends Error {
  override readonly name = 'ToolgateError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly data?: Record<string, unknown>,
  ) {
    super(message);
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** A message for the model: what happened, then what to do next. */
export function modelMessage(code: ErrorCode, detail: string): string {
  return `${code}: ${detail} ${ERRORS[code].hint}`;
}
