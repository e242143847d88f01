import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyOfScopes, Auth, type AuthContext, Scopes } from '@copilot/auth';
import { AgentActions } from '@copilot/conversations';
import { validate } from '@copilot/http';
import type { RunStep } from '@copilot/persistence';
import { z } from 'zod';
import { ApiJson, ApiProblemResponses, ApiRoute } from '../openapi/api-docs.decorators';
import { RunStepList } from '../openapi/agent.responses';
import { Job } from '../openapi/chat.responses';
import { presentJob } from '../presenters';
import { RequestId } from '../request-context';
import { idParam } from '../request-schemas';
import { assertCanRead, JOB_READ_SCOPES } from './job-access';

const toolCallId = z.string().min(1).max(200);
const decisionsBody = z
  .object({
    decisions: z
      .array(z.object({ toolCallId, approve: z.boolean(), reason: z.string().max(2000).optional() }).strict())
      .min(1)
      .max(100),
  })
  .strict()
  .meta({
    example: { decisions: [{ toolCallId: 'call_8f2a', approve: false, reason: 'Refunds over 20 need a manager.' }] },
  });
const outputsBody = z
  .object({
    outputs: z
      .array(z.object({ toolCallId, output: z.string().max(1_000_000), isError: z.boolean().optional() }).strict())
      .min(1)
      .max(100),
  })
  .strict()
  .meta({ example: { outputs: [{ toolCallId: 'call_51c0', output: '{"date":"2026-12-24"}' }] } });

const presentStep = (s: RunStep) => ({
  id: s.id,
  seq: s.seq,
  kind: s.kind,
  status: s.status,
  provider: s.provider,
  model: s.model,
  toolCallId: s.toolCallId,
  toolName: s.toolName,
  toolKind: s.toolKind,
  arguments: s.arguments,
  output: s.output,
  error: s.error,
  inputTokens: s.inputTokens,
  outputTokens: s.outputTokens,
  decision: s.decision,
  decisionReason: s.decisionReason,
  decidedAt: s.decidedAt,
  startedAt: s.startedAt,
  finishedAt: s.finishedAt,
  durationMs: s.durationMs,
});

/** An agent run's steps, and continuing a run parked on approvals or client tools. */
@ApiTags('Jobs')
@Controller('jobs')
export class AgentRunsController {
  constructor(private readonly actions: AgentActions) {}

  @Get(':id/steps')
  @AnyOfScopes(...JOB_READ_SCOPES)
  @ApiRoute(
    'listJobSteps',
    "List an agent run's steps",
    'Every model step and tool call, in order. Empty for other jobs.',
  )
  @ApiJson(200, RunStepList, 'The steps.')
  @ApiProblemResponses(404)
  async steps(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string) {
    const { job, steps } = await this.actions.listSteps(auth.tenantId, id);
    assertCanRead(auth, job);
    return { data: steps.map(presentStep) };
  }

  @Post(':id/approvals')
  @HttpCode(200)
  @Scopes('chat:write')
  @ApiRoute(
    'approveToolCalls',
    'Approve or reject tool calls a run waits for',
    'Each decision is taken once, for the call exactly as the model made it. A rejected call is reported to the model as rejected (with the reason). When no call is left waiting, the run continues.',
  )
  @ApiJson(200, Job, 'The job (queued again once nothing is left waiting).')
  @ApiProblemResponses(404, [409, 'The job is not waiting, or what it waited for expired.'])
  async approve(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) id: string,
    @Body(validate(decisionsBody)) body: z.output<typeof decisionsBody>,
    @RequestId() requestId: string,
  ) {
    return presentJob(await this.actions.decide(auth, id, body.decisions, requestId));
  }

  @Post(':id/tool-outputs')
  @HttpCode(200)
  @Scopes('chat:write')
  @ApiRoute(
    'submitToolOutputs',
    'Hand in the outputs of client tools a run waits for',
    'The output is what the model reads (size-capped). When no call is left waiting, the run continues.',
  )
  @ApiJson(200, Job, 'The job (queued again once nothing is left waiting).')
  @ApiProblemResponses(404, [409, 'The job is not waiting, or what it waited for expired.'])
  async outputs(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) id: string,
    @Body(validate(outputsBody)) body: z.output<typeof outputsBody>,
    @RequestId() requestId: string,
  ) {
    return presentJob(await this.actions.submitOutputs(auth, id, body.outputs, requestId));
  }
}
