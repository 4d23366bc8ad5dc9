/**
 * The host's `namespace.member` → tool id table: built once, exact lookups, helpful suggestions, refusals.
 */
import { describe, expect, it } from 'vitest';
import { BindingTable, PROPERTY_MEMBERS, toLookup } from '../../sandbox/binding-table.js';
import type { Binding } from '../../sandbox/types.js';

const bindings: Binding[] = [
  { toolId: 'jira.get_issue', namespace: 'jira', member: 'get_issue' },
  { toolId: 'jira.get_issues', namespace: 'jira', member: 'get_issues' },
  { toolId: 'jira.transition_issue', namespace: 'jira', member: 'transition_issue' },
  { toolId: 'slack.chat.postMessage', namespace: 'slack', member: 'chat_postMessage' },
  { toolId: 'odd.then', namespace: 'odd', member: 'then' },
];

describe('BindingTable', () => {
  const table = new BindingTable(bindings);

  it('resolves bound names and nothing else', () => {
    expect(table.resolve('slack', 'chat_postMessage')).toBe('slack.chat.postMessage');
    expect(table.resolve('jira', 'get_issue')).toBe('jira.get_issue');
    expect(table.resolve('jira', 'delete_issue')).toBeUndefined();
    expect(table.resolve('nope', 'get_issue')).toBeUndefined();
    expect(table.resolve('jira', 'constructor')).toBeUndefined();
    expect(table.resolve('jira', '__proto__')).toBeUndefined();
  });

  it('lists namespaces sorted, and the bound members a Proxy would otherwise hide', () => {
    expect(table.namespaces).toEqual(['jira', 'odd', 'slack']);
    expect(table.specialMembers).toEqual({ odd: ['then'] });
    expect(table.size).toBe(5);
    expect(PROPERTY_MEMBERS).toContain('then');
  });

  it('suggests near names across naming styles', () => {
    expect(table.suggest('jira', 'getIssue')).toEqual(['get_issue', 'get_issues']);
    expect(table.suggest('jira', 'transition')).toEqual([]);
    expect(table.suggest('slack', 'chatPostMessage')).toEqual(['chat_postMessage']);
    expect(table.suggest('nope', 'x')).toEqual([]);
  });

  it('refuses a namespace that is not an identifier or is reserved, and two tools at one name', () => {
    expect(() => new BindingTable([{ toolId: 'console.log', namespace: 'console', member: 'log' }])).toThrow(
      'binding namespace "console" (tool console.log) is a reserved name',
    );
    expect(() => new BindingTable([{ toolId: 'x.y', namespace: 'undefined', member: 'y' }])).toThrow(
      'is a reserved name',
    );
    expect(() => new BindingTable([{ toolId: 'a-b.x', namespace: 'a-b', member: 'x' }])).toThrow(
      'binding namespace "a-b" (tool a-b.x) is not an identifier',
    );
    expect(
      () =>
        new BindingTable([
          { toolId: 'a.x', namespace: 'a', member: 'x' },
          { toolId: 'a.X', namespace: 'a', member: 'x' },
        ]),
    ).toThrow('tools a.x and a.X are both bound to a.x');
  });

  it('toLookup keeps a table and builds one from a list', () => {
    expect(toLookup(table)).toBe(table);
    expect(toLookup(bindings).resolve('jira', 'get_issues')).toBe('jira.get_issues');
  });
});
