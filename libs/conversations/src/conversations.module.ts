import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { type Breaker, CIRCUIT_BREAKER, llmMetricProviders, LlmMetrics, ResilientGenerator } from '@copilot/llm';
import { TokenBudget } from '@copilot/usage';
import { ChatService } from './chat.service';
import { ConversationService } from './conversation.service';
import { ConversationDeletion } from './conversation-deletion';
import { JobService } from './job.service';
import { CHAT_OPTIONS, type ChatSettings, GenerationPlanner } from './generation-planner';
import { CopilotService } from './copilot.service';
import { GroundingService } from './grounding.service';
import { AgentActions } from './agent/agent-actions.service';
import { agentMetricProviders, AgentMetrics } from './agent/agent-metrics';
import { AgentRunner } from './agent/agent-runner';
import { RESILIENT_GENERATOR, ReplyGenerationService } from './reply-generation.service';

/** How replies are generated: the resilience layer's retries and idle timeout (MAX_RETRIES, TIMEOUT_MS). */
export interface GenerationSettings {
  maxRetries: number;
  timeoutMs: number;
}

/**
 * The conversation services. Every process that serves chats gets the intake side;
 * a process that generates replies (the worker) passes `generation` and gets the
 * `chat.generate` definition too, with its grounding, metrics and resilient generator.
 * Needs LlmModule (global: providers, the circuit breaker) and RetrievalModule (global: search).
 */
@Module({})
export class ConversationsModule {
  static forRoot(settings: ChatSettings, options: { generation?: GenerationSettings } = {}): DynamicModule {
    const services = [
      ChatService,
      ConversationService,
      ConversationDeletion,
      CopilotService,
      GenerationPlanner,
      JobService,
      AgentActions,
    ];
    const generation = options.generation;
    const generating: Provider[] = generation
      ? [
          {
            provide: RESILIENT_GENERATOR,
            inject: [CIRCUIT_BREAKER],
            useFactory: (breaker: Breaker) =>
              new ResilientGenerator({ maxRetries: generation.maxRetries, timeoutMs: generation.timeoutMs, breaker }),
          },
          ...llmMetricProviders,
          LlmMetrics,
          GroundingService,
          ...agentMetricProviders,
          AgentMetrics,
          AgentRunner,
          ReplyGenerationService,
        ]
      : [];
    return {
      module: ConversationsModule,
      providers: [{ provide: CHAT_OPTIONS, useValue: settings }, TokenBudget, ...services, ...generating],
      exports: [...services, TokenBudget, ...(generation ? [ReplyGenerationService] : [])],
    };
  }
}
