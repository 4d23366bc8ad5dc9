/**
 * @module src/gateway/tool-results — how the two meta-tools answer: text the model reads, coded errors
 * as `isError: true` results whose text says what to do next.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { ERRORS, type ErrorCode, isErrorCode } from '../errors.js';

export function textResult(text: string, structuredContent?: Record<string, unknown>): CallToolResult {
  return structuredContent === undefined
    ? { content: [{ type: 'text', text }] }
    : { content: [{ type: 'text', text }], structuredContent };
}

/** A failure the model can fix: the code, what happened, and the table's hint on what to do next. */
export function errorResult(code: string, message: string, extra: readonly string[] = []): CallToolResult {
  const hint = isErrorCode(code) && !message.includes(ERRORS[code].hint) ? ` ${ERRORS[code].hint}` : '';
  const text = [`${code}: ${message}${hint}`, ...extra].join('\n');
  return { content: [{ type: 'text', text }], isError: true, _meta: { 'toolgate/code': code } };
}

/** Invalid arguments to a meta-tool, each issue with its field. */
export function invalidArguments(tool: string, error: z.ZodError): CallToolResult {
  const issues = error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(arguments)'}: ${i.message}`);
  return errorResult('TG_REQUEST_INVALID' satisfies ErrorCode, `invalid arguments for ${tool}: ${issues.join('; ')}.`);
}
