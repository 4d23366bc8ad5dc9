import { describe, expect, it } from 'vitest';
import { identifierParts, stem, tokenize } from '../../index/tokenize.js';

describe('identifierParts', () => {
  it('splits camelCase, PascalCase, acronyms and digits', () => {
    expect(identifierParts('getHTTPResponse_v2')).toEqual(['get', 'http', 'response', 'v', '2']);
    expect(identifierParts('PostChargesChargeRefunds')).toEqual(['post', 'charges', 'charge', 'refunds']);
  });

  it('splits snake_case, kebab-case, dots and slashes', () => {
    expect(identifierParts('chat.postMessage')).toEqual(['chat', 'post', 'message']);
    expect(identifierParts('accounts-list-accounts')).toEqual(['accounts', 'list', 'accounts']);
    expect(identifierParts('actions/add_label')).toEqual(['actions', 'add', 'label']);
  });
});

describe('stem', () => {
  it('maps the forms of one verb to one key', () => {
    expect(['create', 'creates', 'created', 'creating'].map(stem)).toEqual(['creat', 'creat', 'creat', 'creat']);
    expect(['list', 'lists', 'listed', 'listing'].map(stem)).toEqual(['list', 'list', 'list', 'list']);
    expect(['add', 'adds', 'added', 'adding'].map(stem)).toEqual(['add', 'add', 'add', 'add']);
  });

  it('maps plurals to the singular key and leaves short or exceptional words alone', () => {
    expect(['queries', 'query', 'issues', 'addresses', 'matches'].map(stem)).toEqual([
      'query',
      'query',
      'issu',
      'address',
      'match',
    ]);
    expect(['status', 'string', 'get', 'embed', 'embedding'].map(stem)).toEqual([
      'status',
      'string',
      'get',
      'embed',
      'embed',
    ]);
  });
});

describe('tokenize', () => {
  it('keeps a multi-part identifier whole and adds its stemmed parts', () => {
    expect(tokenize('jira.create_issue')).toEqual(['jira.create_issue', 'jira', 'creat', 'issu']);
    expect(tokenize('chat_postMessage')).toEqual(['chat_postmessage', 'chat', 'post', 'messag']);
  });

  it('drops stop words and lone letters, keeps API verbs and digits', () => {
    expect(tokenize('Get all of the issues in a project, version 3')).toEqual([
      'get',
      'all',
      'issu',
      'project',
      'version',
      '3',
    ]);
  });

  it('cuts unspaced scripts into character bigrams', () => {
    expect(tokenize('获取用户')).toEqual(['获取', '取用', '用户']);
  });

  it('gives nothing for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' -- ... ')).toEqual([]);
  });
});
