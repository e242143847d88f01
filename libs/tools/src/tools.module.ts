import { Global, Module } from '@nestjs/common';
import { ToolExecutor } from './tool-executor';
import { ToolService } from './tool.service';

/** Tenants' tools and the executor of agent runs' calls (needs the global persistence, secrets, egress and retrieval modules). */
@Global()
@Module({ providers: [ToolService, ToolExecutor], exports: [ToolService, ToolExecutor] })
export class ToolsModule {}
