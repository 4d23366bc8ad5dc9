/**
 * @module sandbox/binding-table — `namespace.member` → tool id, built once per tool set and reused.
 *
 * The isolate gets only the namespace names (hundreds at most); each call sends `(namespace, member)`
 * and the host resolves it here, so an estate of thousands of tools adds no per-execution work.
 */
import { isReservedNamespace } from './naming-reserved.js';
import type { Binding, BindingLookup } from './types.js';

/**
 * Property names that code or the engine reads from any object (`await ns` reads `then`,
 * `JSON.stringify(ns)` reads `toJSON`, `${ns}` reads `toString`): a namespace answers them with
 * `undefined`, unless a tool is really bound to one, which the table then passes to the isolate.
 */
export const PROPERTY_MEMBERS: readonly string[] = Object.freeze([
  'then',
  'catch',
  'finally',
  'toJSON',
  'constructor',
  'prototype',
  '__proto__',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
]);
const SPECIAL_MEMBERS: ReadonlySet<string> = new Set(PROPERTY_MEMBERS);
/** "Did you mean" suggestions per unknown member. */
const MAX_SUGGESTIONS = 3;
/** A namespace becomes a global variable, so it must be a plain identifier. */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export class BindingTable implements BindingLookup {
  readonly namespaces: readonly string[];
  readonly specialMembers: Readonly<Record<string, readonly string[]>>;
  readonly size: number;
  private readonly byNamespace = new Map<string, Map<string, string>>();

  /** Throws a TypeError for a namespace that is not an identifier or is reserved, or for two tools at one name. */
  constructor(bindings: readonly Binding[]) {
    const special: Record<string, string[]> = {};
    for (const { toolId, namespace, member } of bindings) {
      if (!IDENTIFIER.test(namespace)) {
        throw new TypeError(`binding namespace ${JSON.stringify(namespace)} (tool ${toolId}) is not an identifier`);
      }
      // sandbox/naming.ts never produces these; a hand-made binding could, and would shadow a global.
      if (isReservedNamespace(namespace)) {
        throw new TypeError(`binding namespace ${JSON.stringify(namespace)} (tool ${toolId}) is a reserved name`);
      }
      let members = this.byNamespace.get(namespace);
      if (members === undefined) {
        members = new Map();
        this.byNamespace.set(namespace, members);
      }
      const taken = members.get(member);
      if (taken !== undefined && taken !== toolId) {
        throw new TypeError(`tools ${taken} and ${toolId} are both bound to ${namespace}.${member}`);
      }
      members.set(member, toolId);
      if (SPECIAL_MEMBERS.has(member)) (special[namespace] ??= []).push(member);
    }
    this.namespaces = Object.freeze([...this.byNamespace.keys()].sort());
    this.specialMembers = Object.freeze(special);
    this.size = bindings.length;
  }

  resolve(namespace: string, member: string): string | undefined {
    return this.byNamespace.get(namespace)?.get(member);
  }

  suggest(namespace: string, member: string): readonly string[] {
    const members = this.byNamespace.get(namespace);
    if (members === undefined) return [];
    const wanted = normalise(member);
    const scored: [number, string][] = [];
    for (const candidate of members.keys()) {
      const distance = editDistance(wanted, normalise(candidate));
      if (distance <= Math.max(2, Math.floor(wanted.length / 3))) scored.push([distance, candidate]);
    }
    scored.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
    return scored.slice(0, MAX_SUGGESTIONS).map(([, name]) => name);
  }
}

/** `getIssue`, `get_issue` and `get-issue` should suggest each other. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[_\-$]/g, '');
}

/** Levenshtein distance, two rows; names are short, so this stays cheap even for big namespaces. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Accepts what `ExecuteRequest.bindings` may hold. */
export function toLookup(bindings: readonly Binding[] | BindingLookup): BindingLookup {
  return isLookup(bindings) ? bindings : new BindingTable(bindings);
}

function isLookup(bindings: readonly Binding[] | BindingLookup): bindings is BindingLookup {
  return !Array.isArray(bindings);
}
