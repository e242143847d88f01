import { type DynamicModule, Module } from '@nestjs/common';
import { TokenBudget } from '@copilot/usage';
import { ChatService } from './chat.service';
import { ConversationService } from './conversation.service';
import { ConversationDeletion } from './conversation-deletion';
import { JobService } from './job.service';
import { CHAT_OPTIONS, type ChatSettings, GenerationPlanner } from './generation-planner';
import { CopilotService } from './copilot.service';

/** The conversation services both the api and the worker use (the worker adds ReplyGenerationService). */
@Module({})
export class ConversationsModule {
  static forRoot(settings: ChatSettings): DynamicModule {
    const services = [
      ChatService,
      ConversationService,
      ConversationDeletion,
      CopilotService,
      GenerationPlanner,
      JobService,
    ];
    return {
      module: ConversationsModule,
      providers: [{ provide: CHAT_OPTIONS, useValue: settings }, TokenBudget, ...services],
      exports: [...services, TokenBudget],
    };
  }
}
