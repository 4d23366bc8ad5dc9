/**
 * @module src/mcp/server — the MCP front door: the SDK's Server with exactly two tools.
 * One Server per session (the SDK binds a Server to one transport); each knows who it serves.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode as RpcErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import { EXECUTE_CODE, INSTRUCTIONS, SEARCH_TOOLS, TOOL_DEFINITIONS } from './definitions.js';

export const SERVER_NAME = 'toolgate';
export const SERVER_VERSION = '0.1.0';

/** Who a session acts for. */
export interface Principal {
  readonly consumer: string;
  readonly sessionId?: string;
  readonly transport: 'stdio' | 'http';
}

/** What the front door needs from the gateway: the two tools' handlers. They never throw for bad input. */
export interface FrontDoorHandlers {
  searchTools(principal: Principal, args: unknown, signal: AbortSignal): Promise<CallToolResult>;
  executeCode(principal: Principal, args: unknown, signal: AbortSignal): Promise<CallToolResult>;
}

export function createMcpServer(handlers: FrontDoorHandlers, principalOf: () => Principal): Server {
  const server = new Server(
    { name: SERVER_NAME, title: 'Toolgate', version: SERVER_VERSION },
    { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [...TOOL_DEFINITIONS] }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name, arguments: args } = request.params;
    switch (name) {
      case SEARCH_TOOLS:
        return handlers.searchTools(principalOf(), args ?? {}, extra.signal);
      case EXECUTE_CODE:
        return handlers.executeCode(principalOf(), args ?? {}, extra.signal);
      default:
        // Protocol misuse: the client asked for a tool that was never listed.
        throw new McpError(
          RpcErrorCode.InvalidParams,
          `Unknown tool ${JSON.stringify(name)}: Toolgate offers only ${SEARCH_TOOLS} and ${EXECUTE_CODE}. Call upstream tools from ${EXECUTE_CODE}.`,
        );
    }
  });
  return server;
}
