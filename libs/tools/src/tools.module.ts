import { Global, Module } from '@nestjs/common';
import { McpClientPool } from './mcp/mcp-client-pool';
import { McpServerService } from './mcp/mcp-server.service';
import { OpenApiImporter } from './openapi-importer.service';
import { ToolExecutor } from './tool-executor';
import { ToolService } from './tool.service';

/** Tenants' tools and MCP servers, and the executor of agent runs' calls (needs the global persistence, secrets, egress and retrieval modules). */
@Global()
@Module({
  providers: [ToolService, ToolExecutor, OpenApiImporter, McpServerService, McpClientPool],
  exports: [ToolService, ToolExecutor, OpenApiImporter, McpServerService, McpClientPool],
})
export class ToolsModule {}
