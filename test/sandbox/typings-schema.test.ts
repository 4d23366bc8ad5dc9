import { describe, expect, it } from 'vitest';
import { declarationsFor } from '../../sandbox/typings.js';
import { tool, typeErrors } from './typings-support.js';

/** The declaration of one tool `demo.run` with this input schema. */
const declare = (inputSchema: Record<string, unknown>): string => declarationsFor([tool({ inputSchema })]);

describe('JSON Schema features become the TypeScript a model reads', () => {
  it('marks required properties, optional ones with ?, and documents descriptions, formats and defaults', () => {
    expect(
      declare({
        type: 'object',
        properties: {
          id: { type: 'string', description: 'The id.' },
          limit: { type: 'integer', default: 50, description: 'Max\n  results' },
          when: { type: 'string', format: 'date-time' },
          old: { type: 'boolean', deprecated: true, description: 'Use `when`.' },
        },
        required: ['id', 'not-a-property'],
      }),
    ).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args: {
    /** The id. */
    id: string;
    /** Max results. Default: 50. */
    limit?: number;
    /** Format: date-time. */
    when?: string;
    /** @deprecated Use \`when\`. */
    old?: boolean;
  }): Promise<unknown>;
}
`);
  });

  it('makes args optional when nothing is required, and {} when there are no properties', () => {
    expect(declare({ type: 'object', properties: {} })).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args?: {}): Promise<unknown>;
}
`);
    expect(declare({ type: 'object' })).toContain('function run(args?: Record<string, unknown>): Promise<unknown>;');
  });

  it('turns enums into unions of literals (deduplicated) and const into a literal', () => {
    expect(
      declare({
        type: 'object',
        properties: {
          state: { type: 'string', enum: ['open', 'closed', 'open'] },
          n: { enum: [1, 2.5, -3, true, null] },
          kind: { const: 'issue' },
          quote: { enum: ['say "hi"', 'a\nb'] },
        },
      }),
    ).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args?: {
    state?: "open" | "closed";
    n?: 1 | 2.5 | -3 | true | null;
    kind?: "issue";
    quote?: "say \\"hi\\"" | "a\\nb";
  }): Promise<unknown>;
}
`);
  });

  it('nests objects and arrays, with arrays of arrays', () => {
    expect(
      declare({
        type: 'object',
        properties: {
          body: {
            type: 'object',
            properties: {
              labels: { type: 'array', items: { type: 'string' } },
              owner: { type: 'object', properties: { login: { type: 'string' } }, required: ['login'] },
              matrix: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
              anything: { type: 'array' },
            },
          },
        },
        required: ['body'],
      }),
    ).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args: {
    body: {
      labels?: string[];
      owner?: {
        login: string;
      };
      matrix?: number[][];
      anything?: unknown[];
    };
  }): Promise<unknown>;
}
`);
  });

  it('renders tuples from prefixItems and from draft-07 items arrays, with their rest', () => {
    expect(
      declare({
        type: 'object',
        properties: {
          point: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], items: false },
          rest: { type: 'array', prefixItems: [{ type: 'string' }], items: { type: 'number' } },
          legacy: { type: 'array', items: [{ type: 'string' }, { type: 'boolean' }], additionalItems: { type: 'null' } },
        },
      }),
    ).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args?: {
    point?: [number, number];
    rest?: [string, ...number[]];
    legacy?: [string, boolean, ...null[]];
  }): Promise<unknown>;
}
`);
  });

  it('turns oneOf/anyOf into unions and allOf into one object or an intersection, wrapping unions where needed', () => {
    expect(
      declare({
        type: 'object',
        properties: {
          id: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
          v: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'null' }] },
          both: { allOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { properties: { b: { type: 'number' } } }] },
          arr: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
          mixed: { allOf: [{ oneOf: [{ type: 'string' }, { type: 'number' }] }, { not: { const: 0 } }] },
          constrained: { type: 'object', properties: { a: { type: 'string' } }, oneOf: [{ required: ['a'] }, { required: ['b'] }] },
          viaRef: { allOf: [{ $ref: '#/$defs/Base' }, { properties: { own: { type: 'string' } }, required: ['own'] }] },
          conflict: { allOf: [{ properties: { a: { type: 'string' } } }, { properties: { a: { enum: ['x'] } } }] },
          variants: { type: 'object', oneOf: [{ properties: { kind: { const: 'a' } } }, { properties: { kind: { const: 'b' } } }] },
          ttl: { type: 'number', anyOf: [{ type: 'number' }, { enum: [1] }] },
        },
        $defs: { Base: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
      }),
    ).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args?: {
    id?: string | number;
    v?: string[] | null;
    both?: {
      a?: string;
      b?: number;
    };
    arr?: (string | number)[];
    mixed?: string | number;
    constrained?: {
      a?: string;
    };
    viaRef?: {
      id: string;
      own: string;
    };
    conflict?: {
      a?: string;
    } & {
      a?: "x";
    };
    variants?: {
      kind?: "a";
    } | {
      kind?: "b";
    };
    ttl?: number;
  }): Promise<unknown>;
}
`);
  });

  it('handles nullable (OpenAPI 3.0), type arrays and integer/number unions', () => {
    expect(
      declare({
        type: 'object',
        properties: {
          a: { type: 'string', nullable: true },
          b: { type: ['string', 'null'] },
          c: { type: ['integer', 'number'] },
          d: { type: 'object', properties: { x: { type: 'string' } }, nullable: true },
          e: { enum: ['x', 'y'], nullable: true },
        },
      }),
    ).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args?: {
    a?: string | null;
    b?: string | null;
    c?: number;
    d?: {
      x?: string;
    } | null;
    e?: "x" | "y" | null;
  }): Promise<unknown>;
}
`);
  });

  it('turns additionalProperties and patternProperties into index signatures', () => {
    expect(
      declare({
        type: 'object',
        properties: {
          tags: { type: 'object', additionalProperties: { type: 'string' } },
          meta: { type: 'object', properties: { x: { type: 'string' } }, additionalProperties: { type: 'number' } },
          closed: { type: 'object', properties: {}, additionalProperties: false },
          free: { type: 'object', additionalProperties: true },
          pat: { type: 'object', patternProperties: { '^x-': { type: 'string' }, '^n-': { type: 'number' } } },
        },
      }),
    ).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args?: {
    tags?: Record<string, string>;
    meta?: {
      x?: string;
      [key: string]: unknown;
    };
    closed?: {};
    free?: Record<string, unknown>;
    pat?: Record<string, string | number>;
  }): Promise<unknown>;
}
`);
  });

  it('resolves local $refs against $defs, definitions and any local pointer, with the target description', () => {
    expect(
      declare({
        type: 'object',
        properties: {
          user: { $ref: '#/$defs/User' },
          old: { $ref: '#/definitions/Old', description: 'Own description wins.' },
          pointer: { $ref: '#/$defs/User/properties/name' },
          escaped: { $ref: '#/$defs/a~1b%20c' },
        },
        $defs: {
          User: { type: 'object', description: 'A user.', properties: { name: { type: 'string' } }, required: ['name'] },
          'a/b c': { type: 'integer' },
        },
        definitions: { Old: { type: 'boolean', description: 'Target description.' } },
      }),
    ).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args?: {
    /** A user. */
    user?: {
      name: string;
    };
    /** Own description wins. */
    old?: boolean;
    pointer?: string;
    escaped?: number;
  }): Promise<unknown>;
}
`);
  });

  it('quotes property names that are not identifiers and keeps those that are', () => {
    expect(
      declare({
        type: 'object',
        properties: {
          'x-api-key': { type: 'string' },
          $top: { type: 'number' },
          'a b': { type: 'string' },
          '1st': { type: 'string' },
          class: { type: 'string' },
          'ünï': { type: 'string' },
          'say "hi"': { type: 'string' },
        },
      }),
    ).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args?: {
    "x-api-key"?: string;
    $top?: number;
    "a b"?: string;
    "1st"?: string;
    class?: string;
    "ünï"?: string;
    "say \\"hi\\""?: string;
  }): Promise<unknown>;
}
`);
  });

  it('types the result from outputSchema', () => {
    const text = declarationsFor([
      tool({
        inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
        outputSchema: {
          type: 'object',
          properties: { items: { type: 'array', items: { $ref: '#/$defs/Item' } } },
          required: ['items'],
          $defs: { Item: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
        },
      }),
    ]);
    expect(text).toBe(`declare namespace demo {
  /** @id demo.run */
  function run(args: {
    q: string;
  }): Promise<{
    items: {
      id: string;
    }[];
  }>;
}
`);
  });

  it('produces declarations that the TypeScript compiler accepts, and calls that type-check against them', () => {
    const schemas = [
      { type: 'object', properties: { meta: { type: 'object', properties: { x: { type: 'string' } }, additionalProperties: { type: 'number' } } } },
      { type: 'object', properties: { a: { allOf: [{ properties: { a: { type: 'string' } } }, { properties: { b: { type: 'number' } } }] } } },
      { type: 'object', properties: { t: { prefixItems: [{ type: 'string' }], items: { type: 'number' } }, e: { enum: ['a', 1, null] } } },
    ];
    const sources = schemas.map((s) => declare(s));
    sources.push(`${declare({ type: 'object', properties: { id: { type: 'string' } }, required: ['id'] })}demo.run({ id: 'x' });`);
    expect(typeErrors(sources)).toEqual([]);
    // The checker is live: a wrong call is caught.
    expect(typeErrors([`${declare({ type: 'object', properties: { id: { type: 'string' } }, required: ['id'] })}demo.run({});`])).toHaveLength(1);
  });
});
