// What tools reach, for tests: a small MCP server of ours, and the reference one.
export * from './mcp-test-server';
export * from './everything-server';
