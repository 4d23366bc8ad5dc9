/**
 * @module sandbox/envelope — reads the one string the runner in the isolate hands back.
 *
 * Formats (written by `sandbox/bootstrap.ts`): `u` nothing returned; `v<length>:<json>` the returned
 * value's JSON, cut in the isolate to `maxReturnChars` (length is the uncut size); `r{message}` the value
 * cannot be JSON; `e{name,message,stack,seq}` an uncaught throw. The code can shape a throw or a value
 * as it likes, so everything here is parsed defensively and nothing in it is trusted beyond its type.
 */

export type Envelope =
  | { readonly kind: 'none' }
  | { readonly kind: 'value'; readonly json: string; readonly length: number }
  | { readonly kind: 'invalid'; readonly message: string }
  | {
      readonly kind: 'thrown';
      readonly name?: string;
      readonly message: string;
      readonly stack?: string;
      readonly seq?: number;
    };

export function readEnvelope(raw: unknown): Envelope | undefined {
  if (typeof raw !== 'string' || raw.length === 0) return undefined;
  const tag = raw[0];
  if (tag === 'u') return { kind: 'none' };
  if (tag === 'v') {
    const colon = raw.indexOf(':');
    const length = Number(raw.slice(1, colon));
    if (colon < 0 || !Number.isSafeInteger(length)) return undefined;
    return { kind: 'value', json: raw.slice(colon + 1), length };
  }
  const body = parseObject(raw.slice(1));
  if (body === undefined) return undefined;
  if (tag === 'r')
    return {
      kind: 'invalid',
      message: stringField(body, 'message') ?? 'The returned value cannot be turned into JSON',
    };
  if (tag === 'e') {
    const seq = body.seq;
    return {
      kind: 'thrown',
      name: stringField(body, 'name'),
      message: stringField(body, 'message') ?? 'A value was thrown',
      stack: stringField(body, 'stack'),
      seq: typeof seq === 'number' ? seq : undefined,
    };
  }
  return undefined;
}

function parseObject(json: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function stringField(body: Record<string, unknown>, key: string): string | undefined {
  const value = Object.hasOwn(body, key) ? body[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}
