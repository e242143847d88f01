import { type DynamicModule, Module } from '@nestjs/common';
import { ProviderRegistry } from '@copilot/llm';
import { ChatService } from './chat.service';
import { ConversationService } from './conversation.service';
import { JobService } from './job.service';
import { CHAT_OPTIONS, type ChatSettings, ReplyGenerationService } from './reply-generation.service';

@Module({})
export class ConversationsModule {
  static forRoot(settings: ChatSettings): DynamicModule {
    const services = [ChatService, ConversationService, JobService, ReplyGenerationService];
    return {
      module: ConversationsModule,
      providers: [{ provide: CHAT_OPTIONS, useValue: settings }, ProviderRegistry, ...services],
      exports: services,
    };
  }
}
