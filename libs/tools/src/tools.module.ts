import { Global, Module } from '@nestjs/common';
import { OpenApiImporter } from './openapi-importer.service';
import { ToolExecutor } from './tool-executor';
import { ToolService } from './tool.service';

/** Tenants' tools and the executor of agent runs' calls (needs the global persistence, secrets, egress and retrieval modules). */
@Global()
@Module({
  providers: [ToolService, ToolExecutor, OpenApiImporter],
  exports: [ToolService, ToolExecutor, OpenApiImporter],
})
export class ToolsModule {}
