/**
 * @module sandbox/naming-reserved — the names a binding must never take.
 *
 * A namespace is a global of the isolate, so it must not be a reserved word nor shadow anything the code
 * relies on (`console`, `JSON`, `Promise`, the gateway's own `sleep`, ...). A member is a property of its
 * namespace object and a `function` in the declarations, so it must not be a reserved word nor a name
 * that would change the object itself (`__proto__`) or its basic methods.
 */

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

/** ECMAScript reserved words, strict-mode reserved words, and names that cannot be bound in strict code. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  words(`
    break case catch class const continue debugger default delete do else enum export extends false finally
    for function if import in instanceof new null return super switch this throw true try typeof var void
    while with implements interface let package private protected public static yield await
    arguments eval undefined NaN Infinity
  `),
);

/**
 * Globals a namespace must not shadow: the standard built-ins, the host-like names models reach for out
 * of habit (so a server called `process` cannot pose as Node's), and what the sandbox itself provides.
 */
export const SANDBOX_GLOBALS: ReadonlySet<string> = new Set(
  words(`
    globalThis global self window console sleep fetch require module exports process Buffer
    setTimeout clearTimeout setInterval clearInterval setImmediate queueMicrotask structuredClone
    Object Function Array Number String Boolean Symbol BigInt Math JSON Date RegExp Promise Proxy Reflect
    Map Set WeakMap WeakSet WeakRef FinalizationRegistry Iterator ArrayBuffer SharedArrayBuffer DataView
    Atomics Intl Error AggregateError EvalError RangeError ReferenceError SyntaxError TypeError URIError
    Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array Int32Array Uint32Array Float32Array
    Float64Array BigInt64Array BigUint64Array
    parseInt parseFloat isNaN isFinite encodeURI encodeURIComponent decodeURI decodeURIComponent
    escape unescape atob btoa TextEncoder TextDecoder URL URLSearchParams crypto performance
    Record Partial Required Readonly Pick Omit Exclude Extract NonNullable ReturnType Awaited
    toolgate tools codemode
  `),
);

/** Properties of every object that a binding must not replace. */
const OBJECT_PROPERTIES: ReadonlySet<string> = new Set(
  words(`
    __proto__ constructor prototype toString toLocaleString valueOf hasOwnProperty isPrototypeOf
    propertyIsEnumerable __defineGetter__ __defineSetter__ __lookupGetter__ __lookupSetter__
  `),
);

export function isReservedNamespace(name: string): boolean {
  return RESERVED_WORDS.has(name) || SANDBOX_GLOBALS.has(name) || OBJECT_PROPERTIES.has(name);
}

export function isReservedMember(name: string): boolean {
  return RESERVED_WORDS.has(name) || OBJECT_PROPERTIES.has(name);
}
