import 'reflect-metadata';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CopilotService } from '@copilot/conversations';
import { JobProducer } from '@copilot/queues';
import { CollectionService, DocumentService } from '@copilot/retrieval';
import { CliPlatformModule, loadCliPlatformSettings } from './cli-platform.module';

/** Warnings (e.g. "enqueue failed, the relay will retry") on stderr: stdout is the command's result. */
class StderrLogger implements LoggerService {
  log(): void {
    // Nest's boot chatter is not for operators.
  }
  error(message: unknown, ...rest: unknown[]): void {
    process.stderr.write(`error: ${describe(message, rest)}\n`);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    process.stderr.write(`warning: ${describe(message, rest)}\n`);
  }
}
// Our services log `(fields, 'message')`, and Nest appends the context: the first string says it.
const describe = (message: unknown, rest: unknown[]) =>
  typeof message === 'string' ? message : String(rest.find((r) => typeof r === 'string') ?? JSON.stringify(message));

export interface CliPlatform {
  copilots: CopilotService;
  collections: CollectionService;
  documents: DocumentService;
  producer: JobProducer;
  close(): Promise<void>;
}

export async function startCliPlatform(): Promise<CliPlatform> {
  const settings = loadCliPlatformSettings();
  const app = await NestFactory.createApplicationContext(CliPlatformModule.forRoot(settings), {
    logger: new StderrLogger(),
    abortOnError: false,
  });
  return {
    copilots: app.get(CopilotService),
    collections: app.get(CollectionService),
    documents: app.get(DocumentService),
    producer: app.get(JobProducer),
    // Closing runs JobDispatcher's shutdown hook, which writes its pending dispatch marks before the pool closes.
    close: () => app.close(),
  };
}
