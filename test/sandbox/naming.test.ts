import { describe, expect, it } from 'vitest';
import {
  MAX_IDENTIFIER_CHARS,
  RESERVED_WORDS,
  SANDBOX_GLOBALS,
  bindingsFor,
  memberName,
  namespaceName,
} from '../../sandbox/naming.js';
import { tool, typeErrors } from './typings-support.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

describe('memberName sanitises upstream tool names deterministically', () => {
  it.each([
    ['get_issue', 'get_issue'],
    ['get-issue', 'get_issue'],
    ['chat.postMessage', 'chat_postMessage'],
    ['Summarize Detection', 'Summarize_Detection'],
    ['account-billing-profile-(-deprecated)-billing-profile-details', 'account_billing_profile_deprecated_billing_profile_details'],
    ["secondary-dns-(-acl)-list-ac-ls", 'secondary_dns_acl_list_ac_ls'],
    ['repos/{owner}/get', 'repos_owner_get'],
    ['3d-render', '_3d_render'],
    ['_private', '_private'],
    ['Ünïcödé name', 'Unicode_name'],
    ['ｆｕｌｌ－ｗｉｄｔｈ', 'full_width'],
    ['$weird$', 'weird'],
    ['a\u2028b', 'a_b'],
    ['画像を検索', 'tool_d1abc5f9'],
    ['___', 'tool_045a3b34'],
    ['', 'tool_811c9dc5'],
  ])('%j → %s', (raw, expected) => {
    expect(memberName(raw)).toBe(expected);
  });

  it('gives reserved words and object-breaking names a trailing underscore', () => {
    expect(['delete', 'class', 'await', 'yield', 'undefined', '__proto__', 'constructor', 'toString'].map(memberName)).toEqual([
      'delete_', 'class_', 'await_', 'yield_', 'undefined_', '__proto___', 'constructor_', 'toString_',
    ]);
  });

  it('leaves globals alone as members: jira.console is harmless', () => {
    expect(['console', 'fetch', 'JSON', 'sleep'].map(memberName)).toEqual(['console', 'fetch', 'JSON', 'sleep']);
  });

  it('cuts names over 64 characters and keeps them unique with a hash of the whole name', () => {
    const a = memberName('access-short-lived-certificate-c-as-list-short-lived-certificate-c-as-and-more-things');
    const b = memberName('access-short-lived-certificate-c-as-list-short-lived-certificate-c-as-and-other-things');
    expect(a).toBe('access_short_lived_certificate_c_as_list_short_lived_ce_105b07c0');
    expect(a).toHaveLength(MAX_IDENTIFIER_CHARS);
    expect(b).not.toBe(a);
    expect(b.slice(0, 55)).toBe(a.slice(0, 55));
  });
});

describe('namespaceName never shadows a reserved word or a sandbox global', () => {
  it.each([
    ['jira', 'jira'],
    ['github-mcp', 'github_mcp'],
    ['46elks-sms', '_46elks_sms'],
    ['console', 'console_'],
    ['globalThis', 'globalThis_'],
    ['sleep', 'sleep_'],
    ['Object', 'Object_'],
    ['process', 'process_'],
    ['default', 'default_'],
  ])('%s → %s', (raw, expected) => {
    expect(namespaceName(raw)).toBe(expected);
  });

  it('maps every listed name to something else, and always to an identifier', () => {
    for (const name of [...RESERVED_WORDS, ...SANDBOX_GLOBALS]) {
      const ns = namespaceName(name);
      expect(ns).not.toBe(name);
      expect(ns).toMatch(IDENTIFIER);
    }
  });

  it('lists the globals the sandbox itself relies on', () => {
    for (const name of ['console', 'globalThis', 'Object', 'JSON', 'Promise', 'sleep', 'fetch', 'Math', 'Array', 'Error']) {
      expect(SANDBOX_GLOBALS.has(name)).toBe(true);
    }
  });

  it('produces names that TypeScript accepts as namespaces and functions', () => {
    const hostile = [...RESERVED_WORDS, ...SANDBOX_GLOBALS, 'string', 'number', 'any', 'unknown', 'never', 'object', 'symbol',
      'type', 'declare', 'namespace', 'module', 'async', 'of', 'get', 'set', 'as', 'is', 'keyof', 'infer', 'readonly'];
    const source = hostile
      .map((n) => `declare namespace ${namespaceName(n)} {\n  function ${memberName(n)}(args: {}): Promise<unknown>;\n}`)
      .join('\n');
    expect(typeErrors([source])).toEqual([]);
  });
});

describe('bindingsFor', () => {
  const tools = [
    tool({ server: 'jira', name: 'get-issue' }),
    tool({ server: 'jira', name: 'get_issue' }),
    tool({ server: 'jira', name: 'a-b' }),
    tool({ server: 'jira', name: 'a.b' }),
    tool({ server: 'jira', name: 'delete' }),
    tool({ server: 'my-server', name: 'x' }),
    tool({ server: 'my_server', name: 'y' }),
    tool({ server: 'console', name: 'log' }),
  ];

  it('binds every tool that does not collide, sorted by namespace then member', () => {
    expect(bindingsFor(tools).bindings).toEqual([
      { toolId: 'console.log', namespace: 'console_', member: 'log' },
      { toolId: 'jira.a-b', namespace: 'jira', member: 'a_b' },
      { toolId: 'jira.delete', namespace: 'jira', member: 'delete_' },
      { toolId: 'jira.get_issue', namespace: 'jira', member: 'get_issue' },
      { toolId: 'my_server.y', namespace: 'my_server', member: 'y' },
    ]);
  });

  it('rejects collisions with a message naming both tools (or both servers)', () => {
    expect(bindingsFor(tools).collisions).toEqual([
      {
        kept: 'jira.a-b',
        rejected: 'jira.a.b',
        identifier: 'jira.a_b',
        message: 'Tools "jira.a-b" and "jira.a.b" both map to jira.a_b; "jira.a.b" is not bound (kept "jira.a-b"). Rename one upstream tool.',
      },
      {
        kept: 'jira.get_issue',
        rejected: 'jira.get-issue',
        identifier: 'jira.get_issue',
        message:
          'Tools "jira.get_issue" and "jira.get-issue" both map to jira.get_issue; "jira.get-issue" is not bound (kept "jira.get_issue"). Rename one upstream tool.',
      },
      {
        kept: 'my_server',
        rejected: 'my-server',
        identifier: 'my_server',
        message: 'Servers "my_server" and "my-server" both map to namespace my_server; the tools of "my-server" are not bound. Rename one server id.',
      },
    ]);
  });

  it('gives the same answer whatever the input order', () => {
    const expected = bindingsFor(tools);
    let seed = 7;
    for (let round = 0; round < 20; round++) {
      const shuffled = [...tools];
      for (let i = shuffled.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const j = seed % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      expect(bindingsFor(shuffled)).toEqual(expected);
    }
  });

  it('keeps the server whose id needs no change when a suffixed global meets a real one', () => {
    const result = bindingsFor([tool({ server: 'console', name: 'a' }), tool({ server: 'console_', name: 'b' })]);
    expect(result.bindings).toEqual([{ toolId: 'console_.b', namespace: 'console_', member: 'b' }]);
    expect(result.collisions.map((c) => [c.kept, c.rejected])).toEqual([['console_', 'console']]);
  });

  it('binds a tool id given twice once, without a collision', () => {
    const result = bindingsFor([tool({ server: 'a', name: 'x' }), tool({ server: 'a', name: 'x' })]);
    expect(result).toEqual({ bindings: [{ toolId: 'a.x', namespace: 'a', member: 'x' }], collisions: [] });
  });

  it('does not throw on a name that is not a string (upstream payloads are untrusted)', () => {
    const odd = { ...tool({ server: 'a', name: 'x' }), name: 42 as unknown as string, id: 'a.42' };
    expect(bindingsFor([odd]).bindings).toEqual([{ toolId: 'a.42', namespace: 'a', member: '_42' }]);
  });

  it('handles an empty estate', () => {
    expect(bindingsFor([])).toEqual({ bindings: [], collisions: [] });
  });
});
