import { Inject, Injectable } from '@nestjs/common';
import { SETTINGS } from '@copilot/config';
import { type Message, MessageRepository, JobRepository, TenantTransactions, type Tx } from '@copilot/persistence';
import { chatGeneratePayload } from '@copilot/queues';
import type { ApiSettings } from '../api.settings';
import { OpenAiError } from './openai-error';
import { type ResolvedTurn, type ResponsesRequest, resolveInput } from './responses-request';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The job id inside `resp_<job id>` or `msg_<job id>` (the ids responses-presenter.ts gives), or null. */
export function jobIdOf(id: string, prefixes: readonly string[]): string | null {
  const prefix = prefixes.find((p) => id.startsWith(p));
  const jobId = prefix ? id.slice(prefix.length) : '';
  return UUID.test(jobId) ? jobId.toLowerCase() : null;
}

/**
 * Earlier responses, read back from what the chat path stored: a response is its
 * job, and its output message is the assistant message that job wrote. Read in the
 * caller's tenant transaction, so another tenant's ids are as unknown as made-up
 * ones. What is no longer stored (an exchange sent with `store: false`, or removed
 * by retention) cannot be referred to; the client has to send the content itself.
 */
@Injectable()
export class StoredResponses {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly jobs: JobRepository,
    private readonly messages: MessageRepository,
    @Inject(SETTINGS) private readonly settings: ApiSettings,
  ) {}

  /**
   * The request's turns: the previous response's conversation (`previous_response_id`),
   * then the input, each `item_reference` replaced by the reply it names. A 400
   * naming the field for an id that names nothing stored.
   */
  async resolve(tenantId: string, request: ResponsesRequest): Promise<ResolvedTurn[]> {
    const previous = request.previous_response_id
      ? await this.conversationOf(tenantId, request.previous_response_id)
      : [];
    return resolveInput(request, previous, async (reference, index) => {
      const jobId = jobIdOf(reference.id, ['msg_', 'resp_']);
      const reply = jobId ? await this.transactions.run(tenantId, (tx) => this.messages.findByJobId(tx, jobId)) : null;
      if (!reply) throw notStored(`input.${index}`, `item '${reference.id}'`);
      return reply.content;
    });
  }

  /** The earlier exchange's turns in order, up to and including its reply. */
  private async conversationOf(tenantId: string, id: string): Promise<ResolvedTurn[]> {
    const jobId = jobIdOf(id, ['resp_']);
    const turns = jobId ? await this.transactions.run(tenantId, (tx) => this.readConversation(tx, jobId)) : null;
    if (!turns) throw notStored('previous_response_id', `response '${id}'`);
    return turns;
  }

  private async readConversation(tx: Tx, jobId: string): Promise<ResolvedTurn[] | null> {
    const [job, reply] = await Promise.all([this.jobs.findById(tx, jobId), this.messages.findByJobId(tx, jobId)]);
    const payload = chatGeneratePayload.safeParse(job?.payload);
    if (!payload.success || !reply || reply.conversationId !== payload.data.conversationId) return null;
    // As many turns as a generation reads: the new request's starter keeps no more than that.
    const latest = await this.messages.latest(tx, reply.conversationId, this.settings.chat.maxHistoryMessages);
    const end = latest.findIndex((m) => m.id === reply.id);
    const upToReply: Message[] = end === -1 ? [reply] : latest.slice(0, end + 1);
    return upToReply.flatMap((m) =>
      m.role === 'user' || m.role === 'assistant' || m.role === 'system' ? [{ role: m.role, content: m.content }] : [],
    );
  }
}

function notStored(param: string, what: string): OpenAiError {
  return OpenAiError.invalidRequest(
    `No stored ${what}: it is unknown, or its exchange was not stored or is no longer kept. ` +
      `Send the earlier messages' content instead (with the Vercel AI SDK, set providerOptions.openai.store to false).`,
    param,
  );
}
