import { describe, expect, it } from 'vitest';
import type { DeclarationOptions } from '../../sandbox/typings.js';
import { declarationsFor } from '../../sandbox/typings.js';
import { tool, typeErrors } from './typings-support.js';

const declare = (inputSchema: unknown, options: DeclarationOptions = {}): string =>
  declarationsFor([tool({ inputSchema: inputSchema as Record<string, unknown> })], options);

const chain = (n: number): Record<string, unknown> =>
  n === 0 ? { type: 'string' } : { type: 'object', properties: { child: chain(n - 1) } };

describe('guards keep the output bounded whatever the schema', () => {
  it('cuts object nesting at maxDepth with a comment saying so', () => {
    expect(declare(chain(9), { maxDepth: 3 })).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args?: {
    child?: {
      child?: {
        child?: Record<string, unknown> /* too deep to show: child */;
      };
    };
  }): Promise<unknown>;
}
`);
  });

  it('stops at a cyclic $ref (including a ref to the root) with unknown and a comment', () => {
    expect(
      declare({
        type: 'object',
        properties: { node: { $ref: '#/$defs/Node' }, self: { $ref: '#' } },
        $defs: { Node: { type: 'object', properties: { value: { type: 'number' }, next: { $ref: '#/$defs/Node' } } } },
      }),
    ).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args?: {
    node?: {
      value?: number;
      next?: unknown /* cyclic $ref #/$defs/Node */;
    };
    self?: {
      node?: {
        value?: number;
        next?: unknown /* cyclic $ref #/$defs/Node */;
      };
      self?: unknown /* cyclic $ref # */;
    };
  }): Promise<unknown>;
}
`);
  });

  it('does not fold an allOf that refers to the schema being expanded', () => {
    expect(
      declare({
        type: 'object',
        properties: { n: { $ref: '#/$defs/N' } },
        $defs: { N: { allOf: [{ $ref: '#/$defs/N' }, { properties: { x: { type: 'string' } } }] } },
      }),
    ).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args?: {
    n?: {
      x?: string;
    };
  }): Promise<unknown>;
}
`);
  });

  it('leaves remote, missing and prototype-walking refs unresolved, with comment-safe text', () => {
    expect(
      declare({
        type: 'object',
        properties: {
          a: { $ref: 'https://example.com/s.json' },
          b: { $ref: '#/$defs/Missing' },
          c: { $ref: '#/__proto__/constructor' },
          d: { $ref: '#/$defs/x*/y' },
        },
      }),
    ).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args?: {
    a?: unknown /* unresolved $ref https://example.com/s.json */;
    b?: unknown /* unresolved $ref #/$defs/Missing */;
    c?: unknown /* unresolved $ref #/__proto__/constructor */;
    d?: unknown /* unresolved $ref #/$defs/x*\\/y */;
  }): Promise<unknown>;
}
`);
  });

  it('survives 5,000 levels of nested combinators without deep recursion', () => {
    let nested: unknown = { type: 'string' };
    for (let i = 0; i < 5000; i++) nested = { allOf: [nested] };
    expect(declare({ type: 'object', properties: { n: nested } })).toContain('n?: unknown /* nested too deep */;');
  });

  it('caps the schema nodes of one tool, so shared refs cannot blow up exponentially', () => {
    const defs: Record<string, unknown> = {};
    const wide = (next: string) => Object.fromEntries('abcdefgh'.split('').map((k) => [k, { $ref: `#/$defs/${next}` }]));
    for (let i = 0; i < 10; i++) defs[`L${i}`] = { type: 'object', properties: wide(`L${i + 1}`) };
    const text = declare({ type: 'object', properties: { root: { $ref: '#/$defs/L0' } }, $defs: defs });
    expect(text).toContain('not shown: schema too large */');
    expect(text.split('\n').length).toBeLessThan(2_000);
    expect(declare({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' } } }, { maxNodes: 2 }))
      .toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args?: {
    a?: string;
    /* 2 more properties not shown: schema too large */
  }): Promise<unknown>;
}
`);
  });

  it('cuts long enums with a count and keeps the output valid TypeScript', () => {
    const text = declare({ type: 'object', properties: { e: { enum: Array.from({ length: 45 }, (_, i) => `v${i}`) } } }, { maxEnumMembers: 4 });
    expect(text).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args?: {
    e?: "v0" | "v1" | "v2" | "v3" /* ... 41 more */;
  }): Promise<unknown>;
}
`);
    expect(typeErrors([text])).toEqual([]);
  });

  it('shows every required property but only maxProperties optional ones', () => {
    const properties = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((k) => [k, { type: 'string' }]));
    expect(declare({ type: 'object', properties, required: ['e'] }, { maxProperties: 2 })).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args: {
    a?: string;
    b?: string;
    e: string;
    /* 2 more optional properties */
  }): Promise<unknown>;
}
`);
  });
});

describe('garbage from upstream is rendered leniently, never thrown', () => {
  it('maps non-schemas to unknown, false to never, and known type aliases to their types', () => {
    expect(
      declare({
        type: 'object',
        required: 'a',
        properties: {
          a: 'string', b: null, c: 42, d: [1, 2], e: { type: 'strnig' }, f: { type: 42 }, g: { type: 'dict' },
          h: true, i: false, j: { enum: 'nope' }, k: { enum: [{ a: 1 }] }, l: { properties: [] }, m: { type: 'array', items: 'x' },
          n: { type: 'int' }, o: { type: 'List', items: { type: 'str' } }, p: { required: true, type: 'string' },
        },
      }),
    ).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args: {
    a?: unknown;
    b?: unknown;
    c?: unknown;
    d?: unknown;
    e?: unknown;
    f?: unknown;
    g?: Record<string, unknown>;
    h?: unknown;
    i?: never;
    j?: unknown;
    k?: unknown;
    l?: Record<string, unknown>;
    m?: unknown[];
    n?: number;
    o?: string[];
    p: string;
  }): Promise<unknown>;
}
`);
  });

  it('accepts an input schema that is not an object schema at all', () => {
    for (const schema of [null, 'x', [], 42]) expect(declare(schema)).toContain('function run(args: unknown): Promise<unknown>;');
    expect(declare({ type: 'string' })).toContain('function run(args: string): Promise<unknown>;');
    expect(declare({ oneOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { type: 'object' }] }))
      .toContain('function run(args: {\n    a: string;\n  } | Record<string, unknown>): Promise<unknown>;');
  });

  it('never lets upstream text end a comment early', () => {
    const text = declarationsFor([
      tool({
        description: 'Deletes */ everything /* really',
        title: 'T */ x',
        inputSchema: { type: 'object', properties: { 'a*/b': { type: 'string', description: 'ends */ here', default: '*/', format: '*/' }, e: { enum: ['*/'] } } },
      }),
    ]);
    expect(text).toBe(`declare namespace demo {
  /**
   * Deletes *\\/ everything /* really
   *
   * @title T *\\/ x
   * @id demo.run
   */
  function run(args?: {
    /** ends *\\/ here. Format: *\\/. Default: "*\\/". */
    "a*/b"?: string;
    e?: "*/";
  }): Promise<unknown>;
}
`);
    expect(typeErrors([text])).toEqual([]);
  });

  it('never throws on random JSON as a schema, and its output always type-checks', () => {
    let seed = 42;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const keys = ['type', 'properties', 'items', 'prefixItems', 'enum', 'const', '$ref', 'allOf', 'anyOf', 'oneOf', 'required',
      'additionalProperties', 'nullable', 'description', 'x y', '__proto__', 'default', '$defs'];
    const values = (): unknown[] => ['object', 'array', 'string', 'null', '#', '#/$defs/a', true, false, null, 0, -1.5, '*/'];
    const gen = (depth: number): unknown => {
      const r = rand(10);
      if (depth > 4 || r < 3) return values()[rand(values().length)];
      if (r < 5) return Array.from({ length: rand(4) }, () => gen(depth + 1));
      return Object.fromEntries(Array.from({ length: rand(5) }, () => [keys[rand(keys.length)]!, gen(depth + 1)]));
    };
    const sources: string[] = [];
    for (let i = 0; i < 300; i++) {
      const schema = gen(0);
      sources.push(declarationsFor([tool({ inputSchema: schema as never, outputSchema: gen(0) as never, description: String(gen(3)) })]));
    }
    expect(typeErrors(sources)).toEqual([]);
  });
});
