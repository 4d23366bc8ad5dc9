import { describe, expect, it } from 'vitest';
import { PARAM_CAP, PARAM_DOC_CAP, toolEmbeddingText, toolParams, toolTexts } from '../../index/tool-text.js';
import { makeTool } from '../support/tool-record.js';

describe('toolTexts', () => {
  it('gives each ranked field its text, the title falling back to the title annotation', () => {
    const tool = makeTool({
      server: 'jira',
      name: 'create_issue',
      description: 'Create an issue.',
      params: { project: 'Project key', summary: 'One line' },
      annotations: { title: 'New issue' },
    });
    expect(toolTexts(tool)).toEqual({
      name: 'create_issue',
      server: 'jira',
      title: 'New issue',
      description: 'Create an issue.',
      params: 'project summary',
      paramDocs: 'Project key \nOne line',
    });
  });

  it('reads the fields of an object parameter one level down (OpenAPI bodies)', () => {
    const tool = {
      ...makeTool({ server: 'stripe', name: 'PostCharges' }),
      inputSchema: {
        type: 'object',
        properties: {
          body: {
            type: 'object',
            description: 'The charge',
            properties: { amount: { type: 'integer', description: 'In cents' } },
          },
        },
      },
    };
    expect(toolParams(tool)).toEqual([
      { name: 'body', doc: 'The charge' },
      { name: 'amount', doc: 'In cents' },
    ]);
  });

  it('caps the parameter count and each parameter description', () => {
    const params = Object.fromEntries(Array.from({ length: PARAM_CAP + 20 }, (_, i) => [`p${i}`, 'x'.repeat(500)]));
    const list = toolParams(makeTool({ server: 's', name: 't', params }));
    expect(list).toHaveLength(PARAM_CAP);
    expect(list[0]!.doc).toHaveLength(PARAM_DOC_CAP);
  });

  it('joins name, title, description and parameter names for an embedder', () => {
    const tool = makeTool({
      server: 'slack',
      name: 'chat_postMessage',
      title: 'Post',
      description: 'Send a message.',
      params: { channel: 'Channel id' },
    });
    expect(toolEmbeddingText(tool)).toBe('chat_postMessage\nPost\nSend a message.\nchannel');
  });
});
