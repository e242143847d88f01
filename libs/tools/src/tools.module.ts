import { Module } from '@nestjs/common';
import { ToolService } from './tool.service';

/** Tenants' tools (needs the global persistence, secrets and audit modules). */
@Module({ providers: [ToolService], exports: [ToolService] })
export class ToolsModule {}
