/**
 * @module src/cli/connect-help — what `toolgate serve` prints once listening: the URL and how to connect
 * the common MCP clients to it.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/toolgate.js', import.meta.url));

export function connectHelp(url: string, configPath: string | undefined, dataDir: string, authRequired: boolean): string {
  const auth = authRequired ? ', "headers": { "Authorization": "Bearer <key from toolgate keys create>" }' : '';
  // Absolute paths: a desktop client starts the command from a working directory of its own.
  const configArg = configPath ? `, "--config", "${resolve(configPath)}"` : '';
  const dataArg = `, "--data-dir", "${resolve(dataDir)}"`;
  return `
Toolgate is ready at ${url}  (${configPath ?? 'built-in demo catalog'})

Connect a client:
  Claude Code   claude mcp add --transport http toolgate ${url}${authRequired ? ' --header "Authorization: Bearer <key>"' : ''}
  Cursor        ~/.cursor/mcp.json:   { "mcpServers": { "toolgate": { "url": "${url}"${auth} } } }
  VS Code       .vscode/mcp.json:     { "servers": { "toolgate": { "type": "http", "url": "${url}"${auth} } } }
  Claude Desktop (stdio)  claude_desktop_config.json:
                { "mcpServers": { "toolgate": { "command": "node", "args": ["--no-node-snapshot", "${BIN}", "serve", "--stdio"${configArg}${dataArg}] } } }
  MCP Inspector npx @modelcontextprotocol/inspector --cli ${url} --transport http --method tools/list

Stop with Ctrl-C (upstream servers are stopped with it).
`;
}
