/**
 * @module sandbox/bootstrap — the script that runs first in every fresh context, before the model's code.
 *
 * It is a string, not a function turned into one, so no compiler or coverage tool can rewrite it.
 * It captures every intrinsic it needs before the model's code can patch them, defines `console`,
 * `sleep` and one Proxy per namespace, and returns the runner. The runner always resolves, with an
 * envelope string (see `sandbox/envelope.ts`); what crosses to the host is never an isolate object.
 * The runner takes the transpiled code as a string and compiles it with an indirect `eval` (so it runs
 * in the global scope, named by a `sourceURL` comment in stack traces).
 *
 * Host functions arrive as arguments: `hostCall` (Reference, called with `applyIgnored`: ticket, namespace,
 * member, args JSON; the reply comes back later through `deliver`), `hostSleep` (Reference: ms → '' or an
 * error message) and `hostLog` (Callback: level, text → console bytes left, or -1 once the budget is
 * spent). They live only in this closure and receive only strings and numbers.
 *
 * Replies come back through the mailbox (`MAILBOX_SOURCE`): a table of waiting calls and its
 * `deliver(ticket, reply)`, made by the host in a tiny synchronous step before anything else runs. The
 * host keeps a Reference to `deliver`; the bootstrap receives the mailbox as `$3` and keeps its table in
 * this closure. The model's code can reach neither.
 *
 * A tool call is two one-way hops, isolate → host and host → isolate (`applyIgnored` both ways): a host
 * function returning a pending promise would cost isolated-vm a third (docs/sandbox.md, Performance).
 */

/** The name the isolate gives this script in stack traces. */
export const BOOTSTRAP_FILENAME = 'toolgate-bootstrap.js';

/** Configuration the host hands the bootstrap, as JSON. */
export interface BootstrapConfig {
  readonly namespaces: readonly string[];
  /** Property names a namespace Proxy answers with `undefined` unless a tool is bound to them. */
  readonly reserved: readonly string[];
  readonly special: Readonly<Record<string, readonly string[]>>;
  readonly maxReturnChars: number;
  readonly consoleBytes: number;
  /** Longest arguments JSON one call may send, in characters. */
  readonly maxArgsChars: number;
  /** Stack traces name the model's code by this, so the host can find its frames. */
  readonly codeFilename: string;
}

export const BOOTSTRAP_SOURCE = String.raw`(function toolgateBootstrap(hostCall, hostSleep, hostLog, mailbox, configJson) {
  'use strict';
  const G = globalThis;
  const { stringify, parse } = JSON;
  const { create, defineProperty, freeze, getPrototypeOf, setPrototypeOf } = Object;
  const { apply, has: reflectHas, get: reflectGet, set: reflectSet } = Reflect;
  const hasOwn = Object.prototype.hasOwnProperty;
  const ProxyCtor = Proxy;
  const PromiseCtor = Promise;
  const ErrorCtor = Error;
  const TypeErrorCtor = TypeError;
  const RangeErrorCtor = RangeError;
  const StringCtor = String;
  const WeakMapCtor = WeakMap;
  const NumberIsFinite = Number.isFinite;
  const strSlice = String.prototype.slice;
  const arrJoin = Array.prototype.join;
  const wmGet = WeakMap.prototype.get;
  const wmSet = WeakMap.prototype.set;
  const indirectEval = eval;
  const callIgnored = hostCall.applyIgnored;
  const sleepApply = hostSleep.apply;
  const slice = (s, a, b) => apply(strSlice, s, [a, b]);
  const config = parse(configJson);
  const MAX_MESSAGE_CHARS = 2000;
  const MAX_STACK_CHARS = 4000;

  // docs/sandbox.md: WebAssembly memory is not counted by the isolate's heap limit, and Atomics.wait
  // parks the isolate's thread; nothing a tool script needs, so they are not offered.
  for (const name of ['WebAssembly', 'SharedArrayBuffer', 'Atomics']) delete G[name];

  const own = (target, key, value) =>
    defineProperty(target, key, { value, writable: false, enumerable: true, configurable: false });

  // Errors the bridge created, with the host's sequence number of the failed call: the host trusts its
  // own record of that call, never what the code later did to the error object.
  const bridgeErrors = new WeakMapCtor();

  const describe = (value) => {
    try {
      if (typeof value === 'string') return value;
      if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
        const m = value.message;
        if (typeof m === 'string') return m;
      }
      return StringCtor(value);
    } catch (_) {
      return 'a value that cannot be described';
    }
  };

  // Calls waiting for their reply, by ticket: the mailbox's table, answered by its deliver().
  const waiting = mailbox.deref().waiting;
  let tickets = 0;

  async function callTool(namespace, member, args) {
    let argsJson;
    try {
      argsJson = args === undefined ? '{}' : stringify(args);
    } catch (e) {
      throw codedError('TG_ARGS_INVALID', 'The arguments of ' + namespace + '.' + member + ' cannot be turned into JSON: ' + describe(e), undefined);
    }
    if (typeof argsJson !== 'string') {
      throw codedError('TG_ARGS_INVALID', 'The arguments of ' + namespace + '.' + member + ' must be an object, not a ' + typeof args, undefined);
    }
    if (argsJson.length > config.maxArgsChars) {
      throw codedError('TG_ARGS_INVALID', 'The arguments of ' + namespace + '.' + member + ' are ' + argsJson.length + ' characters of JSON; the limit is ' + config.maxArgsChars + '. Send less per call.', undefined);
    }
    const ticket = ++tickets;
    const replied = new PromiseCtor((resolve) => { waiting[ticket] = resolve; });
    apply(callIgnored, hostCall, [undefined, [ticket, namespace, member, argsJson]]);
    const reply = await replied;
    if (reply[0] === '1') return reply.length === 1 ? undefined : parse(slice(reply, 1));
    const failure = parse(slice(reply, 1));
    const error = codedError(failure.code, failure.message, failure.toolId);
    apply(wmSet, bridgeErrors, [error, failure.seq]);
    throw error;
  }

  function codedError(code, message, toolId) {
    const error = new ErrorCtor(message);
    own(error, 'name', 'ToolError');
    own(error, 'code', code);
    if (toolId !== undefined) own(error, 'toolId', toolId);
    return error;
  }

  const reserved = create(null);
  for (const name of config.reserved) reserved[name] = true;

  function makeNamespace(namespace) {
    const bound = create(null);
    const special = apply(hasOwn, config.special, [namespace]) ? config.special[namespace] : [];
    for (const name of special) bound[name] = true;
    const tools = create(null);
    const handler = {
      get(_target, key) {
        if (typeof key !== 'string') return undefined;
        if (reserved[key] === true && bound[key] !== true) return undefined;
        let tool = tools[key];
        if (tool === undefined) {
          tool = (args) => callTool(namespace, key, args);
          tools[key] = tool;
        }
        return tool;
      },
      set() { return false; },
      defineProperty() { return false; },
      deleteProperty() { return false; },
      setPrototypeOf() { return false; },
      getPrototypeOf() { return null; },
      ownKeys() { return []; },
      getOwnPropertyDescriptor() { return undefined; },
    };
    return new ProxyCtor(create(null), handler);
  }

  // Namespaces resolve lazily through a Proxy placed on the global object's prototype chain: an estate
  // of hundreds of namespaces costs nothing until one is used, and its first use defines it as an own,
  // read-only global, so later lookups never reach the Proxy again.
  const namespaceNames = create(null);
  for (const namespace of config.namespaces) namespaceNames[namespace] = true;
  const isNamespace = (key) => typeof key === 'string' && namespaceNames[key] === true;
  const namespaceFor = (key) => {
    const made = makeNamespace(key);
    try {
      defineProperty(G, key, { value: made, writable: false, enumerable: false, configurable: false });
    } catch (_) {
      // A name the global object will not take (\`undefined\`): the binding table refuses those already.
    }
    return made;
  };
  const made = create(null);
  setPrototypeOf(G, new ProxyCtor(create(getPrototypeOf(G)), {
    has(target, key) {
      return isNamespace(key) || reflectHas(target, key);
    },
    get(target, key, receiver) {
      if (!isNamespace(key)) return reflectGet(target, key, receiver);
      if (made[key] === undefined) made[key] = namespaceFor(key);
      return made[key];
    },
    set(target, key, value, receiver) {
      if (!isNamespace(key)) return reflectSet(target, key, value, receiver);
      // Assigning to a namespace fails as it would once the namespace exists.
      if (made[key] === undefined) made[key] = namespaceFor(key);
      return false;
    },
  }));

  // console: formatted here, so only one bounded string crosses per call.
  let consoleLeft = config.consoleBytes;
  const formatOne = (value) => {
    if (typeof value === 'string') return value;
    if (typeof value === 'bigint') return StringCtor(value) + 'n';
    if (typeof value === 'symbol' || typeof value === 'undefined') return StringCtor(value);
    if (typeof value === 'function') return '[Function]';
    try {
      const json = stringify(value);
      if (typeof json === 'string') return json;
    } catch (_) {
      // Cycles and BigInts: fall through to the plain description.
    }
    return describe(value);
  };
  const makeLevel = (level) => (...values) => {
    if (consoleLeft < 0) return;
    const parts = [];
    let size = 0;
    for (let i = 0; i < values.length && size <= consoleLeft; i++) {
      const text = formatOne(values[i]);
      parts[parts.length] = text;
      size += text.length + 1;
    }
    let line = apply(arrJoin, parts, [' ']);
    if (line.length > consoleLeft + 1) line = slice(line, 0, consoleLeft + 1);
    consoleLeft = hostLog(level, line);
  };
  const consoleObject = create(null);
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) own(consoleObject, level, makeLevel(level));
  defineProperty(G, 'console', { value: freeze(consoleObject), writable: false, enumerable: false, configurable: false });

  const sleep = async (ms) => {
    if (typeof ms !== 'number' || !NumberIsFinite(ms) || ms < 0) {
      throw new TypeErrorCtor('sleep(ms) needs a finite number of milliseconds >= 0');
    }
    const refusal = await apply(sleepApply, hostSleep, [undefined, [ms], { result: { promise: true } }]);
    if (refusal !== '') throw new RangeErrorCtor(refusal);
  };
  defineProperty(G, 'sleep', { value: sleep, writable: false, enumerable: false, configurable: false });

  const serialise = (value) => {
    if (value === undefined) return 'u';
    let json;
    try {
      json = stringify(value);
    } catch (e) {
      return 'r' + stringify({ message: 'The returned value cannot be turned into JSON: ' + slice(describe(e), 0, MAX_MESSAGE_CHARS) });
    }
    if (typeof json !== 'string') {
      return 'r' + stringify({ message: 'The returned value is a ' + typeof value + ', which JSON cannot represent' });
    }
    const length = json.length;
    if (length > config.maxReturnChars) json = slice(json, 0, config.maxReturnChars);
    return 'v' + length + ':' + json;
  };

  const text = (read) => {
    try {
      const value = read();
      if (value === undefined) return undefined;
      return typeof value === 'string' ? value : StringCtor(value);
    } catch (_) {
      return undefined;
    }
  };

  const describeThrown = (thrown) => {
    const report = create(null);
    if (thrown !== null && (typeof thrown === 'object' || typeof thrown === 'function')) {
      const seq = apply(wmGet, bridgeErrors, [thrown]);
      if (seq !== undefined) report.seq = seq;
      report.name = text(() => thrown.name);
      report.message = text(() => thrown.message);
      report.stack = text(() => thrown.stack);
      if (report.message === undefined) report.message = describe(thrown);
    } else {
      report.message = describe(thrown);
    }
    if (typeof report.name === 'string') report.name = slice(report.name, 0, 100);
    if (typeof report.message === 'string') report.message = slice(report.message, 0, MAX_MESSAGE_CHARS);
    if (typeof report.stack === 'string') report.stack = slice(report.stack, 0, MAX_STACK_CHARS);
    return 'e' + stringify(report);
  };

  // The code is compiled here, on the isolate's thread, so compiling, running and serialising all run
  // under the watchdog and off the host's event loop.
  const sourceUrl = '\n//# sourceURL=' + config.codeFilename;
  return async function run(js, expression) {
    try {
      const code = indirectEval(js + sourceUrl);
      let value = await code();
      if (expression && typeof value === 'function') value = await value();
      return serialise(value);
    } catch (thrown) {
      return describeThrown(thrown);
    }
  };
})`;

/**
 * The mailbox, evaluated synchronously by the host in a fresh context before the bootstrap: the table of
 * calls waiting for a reply, and `deliver(ticket, reply)`, which resolves one. It uses no intrinsic that
 * code could patch later (property reads, `delete` and a call only). A reply that is not a string
 * (never sent) becomes a TG_INTERNAL failure.
 */
export const MAILBOX_SOURCE = String.raw`const waiting = Object.create(null);
function deliver(ticket, reply) {
  const resolve = waiting[ticket];
  if (resolve === undefined) return;
  delete waiting[ticket];
  resolve(typeof reply === 'string' ? reply : '0{"code":"TG_INTERNAL","message":"The gateway sent no reply.","seq":0}');
}
return { waiting, deliver };`;

/**
 * What the host evaluates for the run: the bootstrap, set up with the host functions, the mailbox and config
 * ($0–$4), then run on the transpiled code ($5, $6). One `evalClosure` call: one hop to the isolate's
 * thread, where compiling the bootstrap also happens, off the host's event loop.
 */
export const BOOTSTRAP_CLOSURE = `return ${BOOTSTRAP_SOURCE}($0, $1, $2, $3, $4)($5, $6);\n//# sourceURL=${BOOTSTRAP_FILENAME}`;
