import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bindingsFor } from '../../sandbox/naming.js';
import type { ToolSignature } from '../../sandbox/types.js';
import { declarationsFor } from '../../sandbox/typings.js';
import { typeErrors } from './typings-support.js';

const raw = JSON.parse(readFileSync(new URL('../fixtures/typings/estate-sample.json', import.meta.url), 'utf8')) as Array<
  Omit<ToolSignature, 'id'>
>;
const tools: ToolSignature[] = raw.map((t) => ({ ...t, id: `${t.server}.${t.name}` }));

describe('real upstream tools (test/fixtures/typings/estate-sample.json)', () => {
  it('bind under sanitised names without collisions', () => {
    expect(bindingsFor(tools)).toEqual({
      bindings: [
        { toolId: 'cloudflare.worker-filters-(-deprecated)-list-filters', namespace: 'cloudflare', member: 'worker_filters_deprecated_list_filters' },
        { toolId: 'github-mcp.create_issue', namespace: 'github_mcp', member: 'create_issue' },
        { toolId: 'gyazo-mcp-server.gyazo_search', namespace: 'gyazo_mcp_server', member: 'gyazo_search' },
        { toolId: 'vectra-ai-rux-mcp-server.Summarize Detection', namespace: 'vectra_ai_rux_mcp_server', member: 'Summarize_Detection' },
      ],
      collisions: [],
    });
  });

  it('read as the model will see them', () => {
    const text = declarationsFor(tools);
    expect(text).toBe(`declare namespace github_mcp {
  /**
   * Create a new issue in a GitHub repository with a title and optional body.
   *
   * @title Create Issue
   * @id github-mcp.create_issue
   * @hints open-world
   */
  function create_issue(args: {
    /** Issue body content (optional) */
    body?: string;
    /** Repository owner (username or organization) */
    owner: string;
    /** Repository name */
    repo: string;
    /** Issue title */
    title: string;
  }): Promise<unknown>;
}

declare namespace cloudflare {
  /**
   * List Filters
   *
   * @id cloudflare.worker-filters-(-deprecated)-list-filters
   */
  function worker_filters_deprecated_list_filters(args: {
    /** Identifier */
    zone_id: string;
  }): Promise<unknown>;
}

declare namespace vectra_ai_rux_mcp_server {
  /**
   * Get a detailed summary of a specific detection in Vectra AI platform
   *
   * @id vectra-ai-rux-mcp-server.Summarize Detection
   */
  function Summarize_Detection(args?: {
    /** ID of the detection to summarize (1-999999) */
    detection_id?: number;
  }): Promise<unknown>;
}

declare namespace gyazo_mcp_server {
  /**
   * 現在の Gyazo ユーザーがアップロードしたキャプチャを全文検索します
   *
   * @id gyazo-mcp-server.gyazo_search
   */
  function gyazo_search(args: {
    /** 検索クエリ (最大200文字) */
    query: string;
    /** ページ番号 (既定: 1) */
    page?: number;
    /** 1ページあたりの件数 (1-100, 既定: 20) */
    per?: number;
  }): Promise<unknown>;
}
`);
    expect(typeErrors([text])).toEqual([]);
  });

  it("list as one line each in 'names' mode", () => {
    expect(declarationsFor(tools, { detail: 'names' })).toBe(`// github_mcp.create_issue — Create a new issue in a GitHub repository with a title and optional body.
// cloudflare.worker_filters_deprecated_list_filters (id cloudflare.worker-filters-(-deprecated)-list-filters) — List Filters
// vectra_ai_rux_mcp_server.Summarize_Detection (id vectra-ai-rux-mcp-server.Summarize Detection) — Get a detailed summary of a specific detection in Vectra AI platform
// gyazo_mcp_server.gyazo_search — 現在の Gyazo ユーザーがアップロードしたキャプチャを全文検索します
`);
  });
});
