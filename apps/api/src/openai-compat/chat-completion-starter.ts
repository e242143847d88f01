import { Inject, Injectable, Logger } from '@nestjs/common';
import { SETTINGS } from '@copilot/config';
import type { AuthContext } from '@copilot/auth';
import {
  ChatService,
  ConversationDeletion,
  ConversationService,
  type GenerationOverrides,
  JobService,
} from '@copilot/conversations';
import type { Job } from '@copilot/persistence';
import type { ApiSettings } from '../api.settings';
import { type ChatCompletionRequest, joinContent } from './chat-completion-request';
import { OpenAiModelsService } from './openai-models.service';
import { OpenAiError } from './openai-error';

export interface StartedCompletion {
  job: Job;
  /** The `model` answered in the response: the name the caller used. */
  model: string;
  /** The reply's limit, if any: for jobs that did not record the provider's finish reason. */
  maxTokens: number | null;
  stream: boolean;
  /** `stream_options.include_usage`: a last chunk with the usage, and `usage: null` on the others. */
  includeUsage: boolean;
  /** The conversation holding the exchange. */
  conversationId: string;
  /** `store` (else OPENAI_COMPAT_STORE_CONVERSATIONS): false, the conversation goes once the job ended (see discard). */
  stored: boolean;
}

/** Jobs that have ended: their conversation may be deleted. */
const ENDED = new Set(['succeeded', 'failed', 'cancelled']);
/**
 * How long discard waits for the job to end: the answer is out when it starts, so the
 * row follows within moments (a cancelled job within the worker's cancel check). Past
 * it, the retention sweep removes the exchange (UNSTORED_EXCHANGE_GRACE_MS).
 */
const DISCARD_WAIT_MS = 60_000;
const DISCARD_POLL_MS = 250;

/**
 * Turns a stateless Chat Completions request into the platform's chat records.
 *
 * Each request becomes a conversation of its own: the earlier user and assistant
 * turns are stored as its history, the system (and developer) messages and the
 * sampling fields become the conversation's generation overrides, and the last user
 * message is posted through ChatService like any /v1 message. So the job row, the
 * outbox, the context check, the token budget, usage and the worker's generation
 * are exactly those of the REST path, the worker still reads only ids from the
 * queue, and the exchange is kept (and expires) like any conversation. Reusing a
 * conversation by matching histories was rejected: two clients sending the same
 * prefix would share one conversation, and an edited history would silently
 * diverge from what was stored.
 *
 * Only the turns a generation can read are stored (MAX_CONVERSATION_MESSAGES with
 * the new message), so a long history costs a bounded number of writes; as in any
 * conversation, what does not fit the model's window is left out, oldest first.
 *
 * A request refused after the conversation was written (budget spent, message too
 * long) removes it again, so a refused request leaves nothing behind.
 */
@Injectable()
export class ChatCompletionStarter {
  private readonly logger = new Logger(ChatCompletionStarter.name);

  constructor(
    private readonly models: OpenAiModelsService,
    private readonly conversations: ConversationService,
    private readonly chat: ChatService,
    private readonly jobs: JobService,
    private readonly deletion: ConversationDeletion,
    @Inject(SETTINGS) private readonly settings: ApiSettings,
  ) {}

  /**
   * The request's `n` choices (default 1), each started as its own generation: the same
   * conversation records and job as one completion, so every provider (and `local`)
   * gives `n` choices, each reserving and counting its own tokens (the prompt counts
   * once per choice). Only the first choice's exchange is kept (when stored): the others
   * are the same question answered again, removed once they ended. If any choice is
   * refused (its budget spent), the started ones are cancelled and removed, and the
   * refusal is the answer.
   */
  async startChoices(
    auth: AuthContext,
    request: ChatCompletionRequest,
    requestId: string,
  ): Promise<StartedCompletion[]> {
    const n = request.n ?? 1;
    const settled = await Promise.allSettled(
      Array.from({ length: n }, (_, index) =>
        this.start(auth, index === 0 ? request : { ...request, store: false }, requestId),
      ),
    );
    const refused = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    const started = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    if (!refused) return started;
    await Promise.all(started.map((choice) => this.abandon(auth, choice)));
    throw refused.reason;
  }

  async start(auth: AuthContext, request: ChatCompletionRequest, requestId: string): Promise<StartedCompletion> {
    const last = request.messages.at(-1)!;
    if (last.role !== 'user') {
      throw OpenAiError.invalidRequest(
        `The last message must have the role 'user' (it is '${last.role}'): the reply answers it.`,
        `messages.${request.messages.length - 1}.role`,
      );
    }
    const resolved = await this.models.resolve(auth.tenantId, request.model);
    const system = request.messages
      .filter((m) => m.role === 'system' || m.role === 'developer')
      .map((m) => joinContent(m.content))
      .join('\n\n');
    const turns = request.messages
      .slice(0, -1)
      .flatMap((m) =>
        m.role === 'user' || m.role === 'assistant' ? [{ role: m.role, content: joinContent(m.content) }] : [],
      );
    const history = turns.slice(Math.max(0, turns.length - (this.settings.chat.maxHistoryMessages - 1)));
    const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? undefined;
    const generation: GenerationOverrides = {
      ...(resolved.kind === 'provider' ? { model: resolved.model } : {}),
      ...(system ? { system } : {}),
      ...(request.temperature != null ? { temperature: request.temperature } : {}),
      ...(maxTokens !== undefined ? { maxTokens } : {}),
      ...(request.top_p != null ? { topP: request.top_p } : {}),
      ...(request.stop != null ? { stop: typeof request.stop === 'string' ? [request.stop] : request.stop } : {}),
      ...(request.seed != null ? { seed: request.seed } : {}),
      ...(request.frequency_penalty != null ? { frequencyPenalty: request.frequency_penalty } : {}),
      ...(request.presence_penalty != null ? { presencePenalty: request.presence_penalty } : {}),
      ...(request.user ? { user: request.user } : {}),
    };
    const stored = request.store ?? this.settings.chat.storeOpenAiCompletions;
    const conversation = await this.conversations.createWithHistory(
      auth.tenantId,
      {
        title: null,
        // stored: false marks an exchange to remove once answered, also for a sweep after a crash.
        metadata: {
          source: 'openai-compat',
          model: request.model,
          ...(request.user ? { user: request.user } : {}),
          ...(stored ? {} : { stored: false }),
        },
        copilotId: resolved.kind === 'copilot' ? resolved.copilot.id : null,
        generation,
      },
      history,
    );
    try {
      const { job } = await this.chat.postUserMessage(auth.tenantId, conversation.id, joinContent(last.content), {
        requestId,
      });
      const copilotMax = resolved.kind === 'copilot' ? resolved.copilot.maxTokens : null;
      return {
        job,
        model: request.model,
        maxTokens: maxTokens ?? copilotMax ?? null,
        stream: request.stream === true,
        includeUsage: request.stream === true && request.stream_options?.include_usage === true,
        conversationId: conversation.id,
        stored,
      };
    } catch (error) {
      await this.conversations.remove(auth.tenantId, conversation.id).catch(() => undefined);
      throw error;
    }
  }

  /** A choice whose request was refused: cancelled, and removed once its job ended. */
  private async abandon(auth: AuthContext, choice: StartedCompletion): Promise<void> {
    await this.jobs.cancel(auth.tenantId, choice.job.id).catch(() => undefined);
    void this.discard(auth, { ...choice, stored: false });
  }

  /**
   * Removes an unstored exchange's conversation once its job ended (the worker reads the
   * history from it until then, and a conversation with a queued or running reply cannot
   * be deleted). Runs after the answer was sent or the client left; never throws. The job's
   * usage records stay, so budgets and usage still count it.
   */
  async discard(auth: AuthContext, started: StartedCompletion): Promise<void> {
    if (started.stored) return;
    const deadline = Date.now() + DISCARD_WAIT_MS;
    try {
      while (!ENDED.has((await this.jobs.get(auth.tenantId, started.job.id)).status)) {
        if (Date.now() > deadline) return; // left to the retention sweep
        await new Promise((resolve) => setTimeout(resolve, DISCARD_POLL_MS));
      }
      await this.deletion.discardExchange(auth.tenantId, started.conversationId);
    } catch (error) {
      this.logger.warn(
        { err: error, conversation_id: started.conversationId },
        'could not remove an unstored exchange',
      );
    }
  }
}
