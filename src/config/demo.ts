/**
 * @module src/config/demo — the built-in demo catalog used when no config file exists: the MCP reference
 * servers everything, filesystem (rooted at a demo folder in the data dir) and memory, launched over stdio
 * from the project's own dependencies with this very Node binary. Nothing is downloaded at run time.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { referenceServerEntries } from '../../catalog/reference-servers.js';
import type { Config } from './schema.js';
import { parseConfig } from './load.js';

export const DEMO_FILES_DIR = 'demo-files';
export const DEMO_MEMORY_FILE = 'demo-memory.jsonl';

const WELCOME = `Welcome to the Toolgate demo.
This folder is the root of the demo filesystem server: code run through execute_code can read and write here
with filesystem.read_text_file, filesystem.write_file and friends.
`;

/** The demo config for a data dir; creates the demo folder on first use. */
export function demoConfig(dataDir: string, overrides: Record<string, unknown> = {}): Config {
  const root = resolve(dataDir);
  const files = join(root, DEMO_FILES_DIR);
  mkdirSync(files, { recursive: true });
  const welcome = join(files, 'welcome.txt');
  if (!existsSync(welcome)) writeFileSync(welcome, WELCOME);
  const entry = referenceServerEntries();
  const node = process.execPath;
  return parseConfig(
    {
      dataDir,
      ...overrides,
      servers: [
        { id: 'everything', transport: 'stdio', command: node, args: [entry.everything, 'stdio'], title: 'MCP reference server "everything"', description: 'Test tools of the MCP reference implementation: echo, add, long-running operations, sample resources.', owner: 'demo', tags: ['demo', 'reference'] },
        { id: 'filesystem', transport: 'stdio', command: node, args: [entry.filesystem, files], title: 'Demo filesystem', description: `Read, write, search and list files under ${files}.`, owner: 'demo', tags: ['demo', 'files'] },
        { id: 'memory', transport: 'stdio', command: node, args: [entry.memory], env: { MEMORY_FILE_PATH: join(root, DEMO_MEMORY_FILE) }, title: 'Knowledge-graph memory', description: 'A persistent knowledge graph of entities, relations and observations.', owner: 'demo', tags: ['demo', 'memory'] },
      ],
    },
    'built-in demo config',
  );
}
