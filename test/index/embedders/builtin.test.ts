import { describe, expect, it } from 'vitest';
import { BuiltinEmbedder } from '../../../index/embedders/builtin.js';

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
const norm = (a: Float32Array): number => Math.sqrt(dot(a, a));

const ESTATE = [
  'get_user Get a user account by id',
  'create_issue Create a new issue in a project',
  'delete_file Delete a file from the repository',
  'send_message Send a message to a channel',
  'get_forecast Weather forecast for a city',
  'list_repos List repositories of an owner',
];

describe('BuiltinEmbedder', () => {
  it('returns one unit-length vector of the declared dimension per text, empty text included', async () => {
    const embedder = new BuiltinEmbedder();
    const vectors = await embedder.embed(['fetch a member', '', '获取天气', 'x']);
    expect(vectors).toHaveLength(4);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(embedder.dimension);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  it('is deterministic across instances and after exporting and importing its fitted state', async () => {
    const a = new BuiltinEmbedder();
    a.fit(ESTATE);
    const b = new BuiltinEmbedder();
    b.importState(JSON.parse(JSON.stringify(a.exportState())));
    const [va] = await a.embed(['create a ticket for the bug']);
    const [vb] = await b.embed(['create a ticket for the bug']);
    expect(Array.from(vb ?? [])).toEqual(Array.from(va ?? []));
  });

  it('refuses a saved state that is not its own', () => {
    expect(() => new BuiltinEmbedder().importState({ nope: true })).toThrow(/not a builtin-lsa-v2-d384-[0-9a-f]{8} state/);
    const fitted = new BuiltinEmbedder({ featureSpace: 1024 });
    fitted.fit(ESTATE);
    expect(() => new BuiltinEmbedder().importState(fitted.exportState())).toThrow(/does not fit/);
  });

  it('changes its id when a parameter changes', () => {
    expect(new BuiltinEmbedder().id).toBe(new BuiltinEmbedder().id);
    expect(new BuiltinEmbedder({ synonymWeight: 0.1 }).id).not.toBe(new BuiltinEmbedder().id);
    expect(new BuiltinEmbedder({ dimension: 256 }).id).not.toBe(new BuiltinEmbedder().id);
  });

  it('brings synonyms closer: "fetch a member" is nearer "get user" than "delete file"', async () => {
    const embedder = new BuiltinEmbedder();
    embedder.fit(ESTATE);
    const [query, getUser, deleteFile] = await embedder.embed(['fetch a member', 'get_user', 'delete_file']);
    expect(dot(query!, getUser!)).toBeGreaterThan(dot(query!, deleteFile!) + 0.1);
  });

  it('ranks the matching tool first for paraphrased queries', async () => {
    const embedder = new BuiltinEmbedder();
    embedder.fit(ESTATE);
    const tools = await embedder.embed(ESTATE);
    const best = async (q: string): Promise<number> => {
      const [v] = await embedder.embed([q]);
      const scores = tools.map((t) => dot(t, v!));
      return scores.indexOf(Math.max(...scores));
    };
    expect(await best('open a new ticket')).toBe(1);
    expect(await best('what will the temperature be in Oslo')).toBe(4);
    expect(await best('post a chat message')).toBe(3);
    expect(await best('remove a document')).toBe(2);
  });
});
