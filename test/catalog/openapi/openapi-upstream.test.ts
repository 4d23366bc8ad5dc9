/**
 * OpenApiUpstream against a real HTTP server on 127.0.0.1: what the server receives for each kind of
 * parameter, how failures are coded, and that configured credentials reach the wire and nothing else.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OpenApiServerSchema } from '../../../catalog/openapi/config.js';
import { OpenApiUpstream } from '../../../catalog/openapi/openapi-upstream.js';
import { resultValue } from '../../../catalog/result.js';
import type { CatalogDiff, ServerHealth } from '../../../catalog/types.js';
import { FIXTURE_SPECS, startPetServer, type PetServer } from '../../fixtures/openapi/pet-server.js';

const SECRET = 'sk-test-0123456789abcdef';
const env = { PETS_TOKEN: SECRET };
let server: PetServer;
const open: OpenApiUpstream[] = [];

beforeAll(async () => {
  server = await startPetServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((u) => u.close()));
  server.received.length = 0;
});

function pets(extra: Record<string, unknown> = {}): { up: OpenApiUpstream; diffs: CatalogDiff[]; health: ServerHealth[] } {
  const config = OpenApiServerSchema.parse({
    id: 'pets',
    transport: 'openapi',
    spec: FIXTURE_SPECS + 'petstore.yaml',
    baseUrl: `${server.url}/v1`,
    headers: { Authorization: 'Bearer ${env:PETS_TOKEN}' },
    callTimeoutMs: 2_000,
    ...extra,
  });
  const diffs: CatalogDiff[] = [];
  const health: ServerHealth[] = [];
  const up = new OpenApiUpstream(config, { env, onDiff: (d) => diffs.push(d), onHealth: (h) => health.push(h) });
  open.push(up);
  return { up, diffs, health };
}

describe('OpenApiUpstream', () => {
  it('starts healthy with one record per operation, announced as one diff', async () => {
    const { up, diffs, health } = pets();
    await up.start();
    expect(health).toEqual(['connecting', 'healthy']);
    expect(up.records()).toHaveLength(12);
    expect(up.records()[0]).toMatchObject({ id: 'pets.listPets', server: 'pets', name: 'listPets', title: 'List pets' });
    expect(diffs).toHaveLength(1);
    expect(diffs[0]!.added).toHaveLength(12);
    expect(up.egress()).toEqual(['127.0.0.1']);
  });

  it('sends query arrays as repeated keys, headers as headers, and the configured credential', async () => {
    const { up } = pets();
    await up.start();
    const result = await up.callTool('listPets', { limit: 5, tags: ['a b', 'c'], 'X-Request-Id': 'r-1' });
    expect(resultValue(result)).toEqual({ pets: [{ id: 1, name: 'Rex' }], query: { limit: '5', tags: ['a b', 'c'] } });
    const got = server.received.at(-1)!;
    expect(got.method).toBe('GET');
    expect(got.url).toBe('/v1/pets?limit=5&tags=a+b&tags=c');
    expect(got.headers['x-request-id']).toBe('r-1');
    expect(got.headers['authorization']).toBe(`Bearer ${SECRET}`);
  });

  it('sends merged body fields as a JSON body and returns a JSON object as structuredContent', async () => {
    const { up } = pets();
    await up.start();
    const result = await up.callTool('createPet', { name: 'Tom', tag: null, owner: { name: 'Ann' }, 'X-Request-Id': 'r-2' });
    expect(result.structuredContent).toEqual({ id: 7, name: 'Tom', tag: null, owner: { name: 'Ann' } });
    const got = server.received.at(-1)!;
    expect(got).toMatchObject({ method: 'POST', url: '/v1/pets', body: { name: 'Tom', tag: null, owner: { name: 'Ann' } } });
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-request-id']).toBe('r-2');
  });

  it('encodes a path parameter as one segment and sends a whole body as given', async () => {
    const { up } = pets();
    await up.start();
    const photos = await up.callTool('put_pets_petId_photos', { petId: 'a/b c', body: ['https://x.test/1.png'] });
    expect(server.received.at(-1)).toMatchObject({ method: 'PUT', url: '/v1/pets/a%2Fb%20c/photos', body: ['https://x.test/1.png'] });
    expect(photos).toEqual({ content: [{ type: 'text', text: '["https://x.test/1.png"]' }] });
    await up.callTool('addNote', { petId: 'p1', body: { text: 'hi', petId: 'p2' } });
    expect(server.received.at(-1)).toMatchObject({ url: '/v1/pets/p1/notes', body: { text: 'hi', petId: 'p2' } });
  });

  it('refuses dot-segment path parameters, which would reach a different endpoint', async () => {
    const { up } = pets();
    await up.start();
    const before = server.received.length;
    await expect(up.callTool('show_pet_by_id', { petId: '..' })).rejects.toMatchObject({ code: 'TG_UPSTREAM_ERROR', message: 'pets.show_pet_by_id was not sent: path parameter petId may not be "..".' });
    expect(server.received.length).toBe(before);
  });

  it('returns text as text and an empty 204 as no content', async () => {
    const { up } = pets();
    await up.start();
    expect(await up.callTool('getMotd', {})).toEqual({ content: [{ type: 'text', text: 'Be kind to pets.' }] });
    expect(await up.callTool('deletePet', { petId: 'p1' })).toEqual({ content: [] });
    expect(server.received.at(-1)).toMatchObject({ method: 'DELETE', url: '/v1/pets/p1' });
  });

  it('maps 4xx/5xx to TG_UPSTREAM_ERROR with the status and a short excerpt of the body', async () => {
    const { up } = pets();
    await up.start();
    await expect(up.callTool('show_pet_by_id', { petId: 'missing' })).rejects.toMatchObject({
      code: 'TG_UPSTREAM_ERROR',
      status: 404,
      server: 'pets',
      message: 'pets.show_pet_by_id failed: HTTP 404 Not Found: {"error":"not_found","message":"no pet missing"}',
    });
    const broken = await up.callTool('show_pet_by_id', { petId: 'broken' }).catch((e: Error) => e);
    expect(broken).toMatchObject({ code: 'TG_UPSTREAM_ERROR', status: 500 });
    expect((broken as Error).message).toMatch(/^pets\.show_pet_by_id failed: HTTP 500 Internal Server Error: internal failure x+…$/);
    expect((broken as Error).message.length).toBeLessThan(600);
  });

  it('maps a slow answer to TG_UPSTREAM_TIMEOUT after callTimeoutMs', async () => {
    const { up } = pets({ callTimeoutMs: 300 });
    await up.start();
    await expect(up.callTool('slowOp', {})).rejects.toMatchObject({ code: 'TG_UPSTREAM_TIMEOUT', message: 'pets.slowOp timed out: pets did not answer within 300 ms.' });
  });

  it('maps a caller cancellation to TG_UPSTREAM_TIMEOUT', async () => {
    const { up } = pets();
    await up.start();
    const controller = new AbortController();
    const call = up.callTool('slowOp', {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(call).rejects.toMatchObject({ code: 'TG_UPSTREAM_TIMEOUT', message: 'pets.slowOp was cancelled before pets answered.' });
  });

  it('maps a refused connection to TG_UPSTREAM_UNAVAILABLE and stays healthy (HTTP has no connection to lose)', async () => {
    const { up } = pets({ baseUrl: 'http://127.0.0.1:1/v1' });
    await up.start();
    await expect(up.callTool('listPets', {})).rejects.toMatchObject({ code: 'TG_UPSTREAM_UNAVAILABLE', server: 'pets' });
    expect(up.health).toBe('healthy');
  });

  it('follows same-origin redirects only', async () => {
    const { up } = pets();
    await up.start();
    expect(resultValue(await up.callTool('getMoved', {}))).toMatchObject({ pets: [{ id: 1, name: 'Rex' }] });
    await expect(up.callTool('getAway', {})).rejects.toMatchObject({ code: 'TG_UPSTREAM_ERROR', status: 302, message: expect.stringContaining('redirect to http://example.invalid was not followed') });
  });

  it('masks the credential in anything returned, even when the API echoes it', async () => {
    const { up } = pets();
    await up.start();
    const result = await up.callTool('echoHeaders', {});
    expect(server.received.at(-1)!.headers['authorization']).toBe(`Bearer ${SECRET}`);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(resultValue(result)).toMatchObject({ headers: { authorization: 'Bearer [secret]' } });
    expect(JSON.stringify(up.records())).not.toContain(SECRET);
    expect(JSON.stringify(up.config)).not.toContain(SECRET);
  });

  it('masks the credential in error messages too, when a 401 body quotes it', async () => {
    const { up } = pets();
    await up.start();
    const error = await up.callTool('show_pet_by_id', { petId: 'echo-auth' }).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'TG_UPSTREAM_ERROR', status: 401 });
    expect((error as Error).message).toBe('pets.show_pet_by_id failed: HTTP 401 Unauthorized: {"error":"bad credentials","got":"Bearer [secret]"}');
  });

  it('fails a call with TG_UPSTREAM_UNAVAILABLE naming the missing variable, not a value, when a secret is unset', async () => {
    const { up } = pets({ headers: { 'X-Api-Key': 'env:PETS_MISSING' } });
    await up.start();
    await expect(up.callTool('listPets', {})).rejects.toMatchObject({
      code: 'TG_UPSTREAM_UNAVAILABLE',
      message: 'pets.listPets failed: a credential of pets is missing (environment variable PETS_MISSING is not set).',
    });
  });

  it('rejects unknown tools with TG_TOOL_NOT_FOUND and calls after close with TG_UPSTREAM_UNAVAILABLE', async () => {
    const { up, health } = pets();
    await up.start();
    await expect(up.callTool('nope', {})).rejects.toMatchObject({ code: 'TG_TOOL_NOT_FOUND' });
    await up.close();
    expect(health.at(-1)).toBe('stopped');
    await expect(up.callTool('listPets', {})).rejects.toMatchObject({ code: 'TG_UPSTREAM_UNAVAILABLE' });
  });
});
