export * from './circuit-breaker';
export * from './mcp-client-pool';
export * from './mcp-output';
export * from './mcp-server.service';
export * from './mcp-tool-resolver';
export * from './mcp-tools';
