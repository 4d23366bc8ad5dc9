/**
 * Arguments → HTTP request, without a network: query serialisation, path encoding, body encodings, and
 * configured headers winning over arguments.
 */
import { describe, expect, it } from 'vitest';
import { bracketPairs, formBody, queryPairs } from '../../../catalog/openapi/encode.js';
import { buildRequest, type RequestTarget } from '../../../catalog/openapi/request.js';

const target: RequestTarget = {
  method: 'post',
  path: '/v1/customers/{customer}',
  plan: {
    params: [
      { key: 'customer', name: 'customer', in: 'path', explode: false },
      { key: 'expand', name: 'expand', in: 'query', explode: true },
      { key: 'Authorization_header', name: 'Authorization', in: 'header', explode: false },
      { key: 'session', name: 'session', in: 'cookie', explode: true },
    ],
    body: { mediaType: 'application/x-www-form-urlencoded', mode: 'merged', key: 'body' },
  },
};

describe('buildRequest', () => {
  it('fills the path under the base URL\'s own path, appends the query and form-encodes the remaining arguments', () => {
    const req = buildRequest(target, { customer: 'cus 1', expand: ['a', 'b'], session: 's=1', metadata: { plan: 'pro' }, items: [{ price: 'p1' }] }, 'https://api.test/base/', {});
    expect(req.url.href).toBe('https://api.test/base/v1/customers/cus%201?expand=a&expand=b');
    expect(req.method).toBe('POST');
    expect(req.headers).toEqual({ accept: 'application/json, */*;q=0.8', cookie: 'session=s%3D1', 'content-type': 'application/x-www-form-urlencoded' });
    expect(decodeURIComponent(req.body as string)).toBe('metadata[plan]=pro&items[0][price]=p1');
  });

  it('lets configured headers override header arguments, so a model cannot replace a credential', () => {
    const req = buildRequest(target, { customer: 'c', Authorization_header: 'Bearer forged' }, 'https://api.test', { Authorization: 'Bearer real' });
    expect(req.headers['authorization']).toBe('Bearer real');
  });

  it('sends no body when no body arguments are given', () => {
    expect(buildRequest(target, { customer: 'c' }, 'https://api.test', {}).body).toBeUndefined();
  });

  it('refuses a missing or empty path parameter', () => {
    expect(() => buildRequest(target, {}, 'https://api.test', {})).toThrow('missing path parameter customer');
    expect(() => buildRequest(target, { customer: '' }, 'https://api.test', {})).toThrow('path parameter customer may not be ""');
  });
});

describe('query and form encoding', () => {
  it('repeats array keys when exploded, joins with commas when not, and brackets objects (deepObject)', () => {
    expect(queryPairs('t', ['a', 'b'], true)).toEqual([['t', 'a'], ['t', 'b']]);
    expect(queryPairs('t', ['a', 'b'], false)).toEqual([['t', 'a,b']]);
    expect(queryPairs('created', { gt: 5, lt: 9 }, true)).toEqual([['created[gt]', '5'], ['created[lt]', '9']]);
    expect(queryPairs('x', null, true)).toEqual([]);
    expect(queryPairs('flag', false, true)).toEqual([['flag', 'false']]);
  });

  it('brackets nested form fields with array indices', () => {
    expect(bracketPairs('a', { b: [{ c: 1 }, 'd'] })).toEqual([['a[b][0][c]', '1'], ['a[b][1]', 'd']]);
    expect(formBody({ n: 1, skip: undefined, none: null, s: 'x y' })).toBe('n=1&s=x+y');
  });
});
