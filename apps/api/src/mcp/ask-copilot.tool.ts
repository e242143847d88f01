import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatService, ConversationService, CopilotService, JobService } from '@copilot/conversations';
import type { Copilot, Job, JobStatus } from '@copilot/persistence';
import type { CallToolResult, McpServer, ServerContext } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { McpCaller } from './mcp-caller';
import { guarded, jsonResult, requireScope, ToolRefusal, toolError } from './tool-results';

export interface AskCopilotServices {
  copilots: CopilotService;
  conversations: ConversationService;
  chat: ChatService;
  jobs: JobService;
}

const POLL_INTERVAL_MS = 200;
const PROGRESS_INTERVAL_MS = 1_000;
/** A job in one of these will not move on its own while we wait: `requires_action` waits for someone. */
const SETTLED: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled', 'requires_action'];

const askInput = z.object({
  copilot: z.string().trim().min(1).max(100).describe("The copilot's id, or its exact name (see list_copilots)."),
  message: z.string().trim().min(1).max(32_000).describe('The message to send, as a user would.'),
  wait: z
    .boolean()
    .default(true)
    .describe("Wait for the reply; false: answer at once with the job to follow over the platform's REST api."),
  timeoutSeconds: z.number().int().min(1).max(300).default(60).describe('How long to wait for the reply.'),
});

/**
 * ask_copilot: one message to a copilot in a new conversation. The reply is generated
 * by a job in the workers, as for POST /v1/conversations/:id/messages; this tool
 * polls the job (it lives in Postgres, so any api replica can) rather than holding
 * an event-stream subscription for a call that may be abandoned.
 */
export function registerAskCopilot(server: McpServer, services: AskCopilotServices, caller: McpCaller): void {
  const { tenantId } = caller.auth;
  server.registerTool(
    'ask_copilot',
    {
      title: 'Ask a copilot',
      description:
        "Sends a message to one of the tenant's copilots in a new conversation and returns its reply " +
        '(or, without wait or past the timeout, the job generating it). While it waits it reports progress ' +
        'to a client that sent a progressToken.',
      inputSchema: askInput,
    },
    (input, ctx) =>
      guarded(async () => {
        requireScope(caller.auth, 'ask_copilot', 'chat:write');
        const copilot = await resolveCopilot(services.copilots, tenantId, input.copilot);
        // Marked, so the tenant can tell the conversations MCP clients started from its own.
        const conversation = await services.conversations.create(tenantId, {
          copilotId: copilot.id,
          metadata: { via: 'mcp' },
        });
        const { job } = await services.chat.postUserMessage(tenantId, conversation.id, input.message, {
          requestId: caller.requestId,
        });
        if (!input.wait) return jsonResult(following(job, conversation.id));
        const latest = await settle(services.jobs, tenantId, job.id, input.timeoutSeconds * 1000, {
          signal: ctx.mcpReq.signal,
          progress: progressReporter(ctx, input.timeoutSeconds),
        });
        return outcome(services.chat, tenantId, latest, conversation.id);
      }, caller.onUnexpected),
  );
}

async function resolveCopilot(copilots: CopilotService, tenantId: string, ref: string): Promise<Copilot> {
  // Another tenant's id is NotFound here, as it is on the REST routes.
  if (z.uuid().safeParse(ref).success) return copilots.get(tenantId, ref);
  const named = await copilots.findByName(tenantId, ref);
  if (named.length === 1) return named[0]!;
  throw new ToolRefusal(
    named.length === 0
      ? `No copilot is named "${ref}"; list_copilots shows the copilots there are.`
      : `More than one copilot is named "${ref}"; pass the id of the one you mean (see list_copilots).`,
  );
}

/** Polls the job until it settles, the timeout passes or the client goes away; answers its last state. */
async function settle(
  jobs: JobService,
  tenantId: string,
  jobId: string,
  timeoutMs: number,
  { signal, progress }: { signal: AbortSignal; progress?: (job: Job, elapsedMs: number) => void },
): Promise<Job> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let reported = started;
  let job = await jobs.get(tenantId, jobId);
  while (!SETTLED.includes(job.status as JobStatus) && Date.now() < deadline && !signal.aborted) {
    await sleep(Math.min(POLL_INTERVAL_MS, Math.max(0, deadline - Date.now())), undefined, { signal }).catch(
      () => undefined, // aborted: the loop condition ends the wait
    );
    job = await jobs.get(tenantId, jobId);
    if (progress && Date.now() - reported >= PROGRESS_INTERVAL_MS) {
      reported = Date.now();
      progress(job, reported - started);
    }
  }
  return job;
}

/**
 * Progress while waiting, when the client asked for it (a progressToken): clients wait
 * 60 s for an answer by default, and one that resets that on progress can then wait
 * as long as timeoutSeconds says.
 */
function progressReporter(ctx: ServerContext, timeoutSeconds: number) {
  const progressToken = ctx.mcpReq._meta?.progressToken;
  if (progressToken === undefined) return undefined;
  return (job: Job, elapsedMs: number) =>
    void ctx.mcpReq
      .notify({
        method: 'notifications/progress',
        params: { progressToken, progress: elapsedMs / 1000, total: timeoutSeconds, message: `job ${job.status}` },
      })
      .catch(() => undefined); // a client gone away: the wait ends on the abort signal
}

async function outcome(chat: ChatService, tenantId: string, job: Job, conversationId: string): Promise<CallToolResult> {
  if (job.status === 'failed')
    return toolError(`The reply failed (job ${job.id}, conversation ${conversationId}): ${JSON.stringify(job.error)}`);
  if (job.status !== 'succeeded') {
    // A parked run stores what it waits for where a result would go (as GET /v1/jobs/:id shows it).
    const requiredAction = job.status === 'requires_action' ? { requiredAction: job.result } : {};
    return jsonResult({ ...following(job, conversationId), ...requiredAction });
  }
  // A new conversation holds the user's message, the reply and any tool turns: one page is enough.
  // The reply is the one message the job wrote (messages.job_id is unique).
  const messages = await chat.listMessages(tenantId, conversationId, { limit: 100 });
  const reply = messages.data.find((m) => m.jobId === job.id);
  return {
    content: [
      { type: 'text', text: reply?.content ?? '' },
      { type: 'text', text: JSON.stringify({ jobId: job.id, conversationId, status: job.status }) },
    ],
  };
}

/** Where a client follows a job that has not ended, over the platform's REST api. */
const following = (job: Job, conversationId: string) => ({
  jobId: job.id,
  conversationId,
  status: job.status,
  links: { job: `/v1/jobs/${job.id}`, events: `/v1/jobs/${job.id}/events` },
});
