import { describe, expect, it } from 'vitest';
import { Bm25 } from '../../index/bm25.js';
import { tokenize } from '../../index/tokenize.js';

/** Two fields: name (weight 3) and description (weight 1). */
function index(docs: Record<string, [string, string]>, weights = [3, 1]): Bm25 {
  const bm = new Bm25({ weights });
  for (const [id, [name, description]] of Object.entries(docs)) bm.add(id, [tokenize(name), tokenize(description)]);
  return bm;
}

const DOCS: Record<string, [string, string]> = {
  'jira.create_issue': ['create_issue', 'Create a new issue in a project'],
  'jira.get_issue': ['get_issue', 'Get an issue by key'],
  'jira.delete_issue': ['delete_issue', 'Delete an issue'],
  'slack.post_message': ['post_message', 'Post a message to a channel; can also create a thread'],
  'notion.create_page': ['create_page', 'Create a page'],
};

describe('Bm25', () => {
  it('ranks the tool whose exact name is the query first', () => {
    const bm = index(DOCS);
    for (const name of ['create_issue', 'get_issue', 'delete_issue', 'post_message']) {
      expect(bm.search(tokenize(name), 3)[0]?.id.endsWith(`.${name}`)).toBe(true);
    }
  });

  it('weighs a match in the name above the same match in the description', () => {
    const docs: Record<string, [string, string]> = {
      a: ['archive', 'Removes a channel'],
      b: ['remove', 'Archives a channel'],
    };
    expect(
      index(docs, [3, 1])
        .search(tokenize('archive'), 2)
        .map((h) => h.id),
    ).toEqual(['a', 'b']);
    // Weights flipped: the description match wins.
    expect(
      index(docs, [1, 3])
        .search(tokenize('archive'), 2)
        .map((h) => h.id),
    ).toEqual(['b', 'a']);
  });

  it('ranks a rarer term above a common one', () => {
    const hits = index(DOCS).search(tokenize('issue thread'), 5);
    expect(hits[0]?.id).toBe('slack.post_message');
  });

  it('forgets a removed document and reuses its slot for the next one', () => {
    const bm = index(DOCS);
    expect(bm.remove('jira.get_issue')).toBe(true);
    expect(bm.remove('jira.get_issue')).toBe(false);
    expect(bm.size).toBe(4);
    expect(bm.search(tokenize('get_issue key'), 5).map((h) => h.id)).not.toContain('jira.get_issue');
    bm.add('github.get_repo', [tokenize('get_repo'), tokenize('Get a repository by key')]);
    expect(bm.search(tokenize('key'), 5).map((h) => h.id)).toEqual(['github.get_repo']);
  });

  it('replaces a document added again under the same id', () => {
    const bm = index(DOCS);
    bm.add('jira.get_issue', [tokenize('get_board'), tokenize('Get a board')]);
    expect(bm.size).toBe(5);
    expect(bm.search(tokenize('board'), 5).map((h) => h.id)).toEqual(['jira.get_issue']);
    expect(bm.search(tokenize('issue key'), 5).map((h) => h.id)).not.toContain('jira.get_issue');
  });

  it('applies the filter before the cut: a rejected top match never takes a slot', () => {
    const hits = index(DOCS).search(tokenize('create issue'), 1, (id) => id !== 'jira.create_issue');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.id).not.toBe('jira.create_issue');
  });

  it('fills every slot with accepted matches when the filter rejects some of the unfiltered best', () => {
    const bm = index(DOCS);
    const hidden = new Set(['jira.create_issue', 'jira.get_issue']);
    const hits = bm.search(tokenize('issue'), 2, (id) => !hidden.has(id));
    expect(hits.map((h) => h.id)).toEqual(['jira.delete_issue']);
    const all = bm.search(tokenize('create issue'), 3, (id) => !hidden.has(id));
    expect(all.map((h) => h.id)).toEqual(bm.search(tokenize('create issue'), 5).map((h) => h.id).filter((id) => !hidden.has(id)).slice(0, 3));
    // The unfiltered search afterwards is untouched by the filtered one (scores were reset).
    expect(bm.search(tokenize('issue'), 5)).toEqual(index(DOCS).search(tokenize('issue'), 5));
  });

  it('scores after a mutation exactly as an index built with the final documents', () => {
    const bm = index(DOCS);
    const queries = ['create issue', 'message thread', 'issue key'];
    for (const q of queries) bm.search(tokenize(q), 5); // fills the per-term cache
    // A long description shifts the average field length, so every cached length norm is stale.
    bm.add('jira.search_issues', [tokenize('search_issues'), tokenize('Search issues with JQL across every project of the site, with paging and fields')]);
    bm.remove('notion.create_page');
    const { 'notion.create_page': _dropped, ...rest } = DOCS;
    const fresh = index({ ...rest, 'jira.search_issues': ['search_issues', 'Search issues with JQL across every project of the site, with paging and fields'] });
    for (const q of queries) expect(bm.search(tokenize(q), 5)).toEqual(fresh.search(tokenize(q), 5));
  });

  it('returns nothing for a query with no known terms', () => {
    expect(index(DOCS).search(tokenize('kubernetes'), 5)).toEqual([]);
    expect(index(DOCS).search([], 5)).toEqual([]);
  });

  it('restores from a snapshot to an index that ranks and mutates the same', () => {
    const bm = index(DOCS);
    bm.remove('jira.get_issue');
    const back = Bm25.restore({ weights: [3, 1] }, JSON.parse(JSON.stringify(bm.snapshot())));
    expect(back.size).toBe(4);
    for (const q of ['create issue', 'message thread', 'delete']) {
      expect(back.search(tokenize(q), 5)).toEqual(bm.search(tokenize(q), 5));
    }
    back.add('x.get_issue', [tokenize('get_issue'), tokenize('Get an issue')]);
    back.remove('jira.create_issue');
    expect(
      back
        .search(tokenize('issue'), 5)
        .map((h) => h.id)
        .sort(),
    ).toEqual(['jira.delete_issue', 'x.get_issue']);
  });
});
