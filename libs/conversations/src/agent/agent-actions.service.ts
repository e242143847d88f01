import { Inject, Injectable } from '@nestjs/common';
import { AuditLog, type AuthContext } from '@copilot/auth';
import { Conflict, type InvalidField, InvalidInput, NotFound } from '@copilot/errors';
import {
  type Job,
  JobRepository,
  type Prisma,
  type RunStep,
  RunStepRepository,
  TenantTransactions,
  type Tx,
} from '@copilot/persistence';
import { JobDispatcher } from '@copilot/queues';
import { capText } from '@copilot/tools';
import { CHAT_OPTIONS, type ChatSettings } from '../generation-planner';

export interface ToolCallDecision {
  toolCallId: string;
  approve: boolean;
  reason?: string;
}

export interface ToolOutput {
  toolCallId: string;
  output: string;
  isError?: boolean;
}

/**
 * What a person or the caller does for a parked agent run: approve or reject the calls
 * waiting for approval (each decision once, bound to the call as the model made it),
 * or hand in the outputs of client tools. When nothing is left waiting, the run is
 * queued again through the outbox and carries on where it stopped.
 */
@Injectable()
export class AgentActions {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly jobs: JobRepository,
    private readonly steps: RunStepRepository,
    private readonly dispatcher: JobDispatcher,
    private readonly audit: AuditLog,
    @Inject(CHAT_OPTIONS) private readonly settings: ChatSettings,
  ) {}

  async listSteps(tenantId: string, jobId: string): Promise<{ job: Job; steps: RunStep[] }> {
    return this.transactions.run(tenantId, async (tx) => {
      const job = await this.jobs.findById(tx, jobId);
      if (!job) throw new NotFound('job', jobId);
      return { job, steps: await this.steps.listForJob(tx, jobId) };
    });
  }

  decide(actor: AuthContext, jobId: string, decisions: ToolCallDecision[], requestId?: string): Promise<Job> {
    return this.continueWith(actor, jobId, 'decisions', async (tx, waiting) => {
      const problems: InvalidField[] = [];
      // The audit trail names each call with the digest of its arguments: what exactly was approved.
      const decided: string[] = [];
      for (const [i, decision] of decisions.entries()) {
        const row = waiting.find((s) => s.toolCallId === decision.toolCallId);
        if (!row || row.status !== 'awaiting_approval') {
          problems.push({
            field: `body.decisions.${i}.toolCallId`,
            message: 'not a call of this job waiting for approval',
          });
          continue;
        }
        const recorded = await this.steps.decide(tx, jobId, decision.toolCallId, {
          approved: decision.approve,
          ...(decision.reason ? { reason: decision.reason } : {}),
        });
        if (!recorded) problems.push({ field: `body.decisions.${i}.toolCallId`, message: 'already decided' });
        else decided.push(`${decision.approve ? 'approved' : 'rejected'} ${row.toolCallId} ${row.argumentsDigest}`);
      }
      if (problems.length) throw new InvalidInput(problems);
      await this.audit.record(
        tx,
        actor,
        'job.tool_calls_decided',
        { type: 'job', id: jobId },
        {
          requestId,
          metadata: {
            approved: decisions.filter((d) => d.approve).map((d) => d.toolCallId),
            rejected: decisions.filter((d) => !d.approve).map((d) => d.toolCallId),
          },
        },
      );
    });
  }

  submitOutputs(actor: AuthContext, jobId: string, outputs: ToolOutput[], requestId?: string): Promise<Job> {
    return this.continueWith(actor, jobId, 'outputs', async (tx) => {
      const problems: InvalidField[] = [];
      for (const [i, output] of outputs.entries()) {
        const text = capText(output.output, this.settings.toolOutputMaxBytes);
        const stored = await this.steps.submitOutput(tx, jobId, output.toolCallId, {
          status: output.isError ? 'failed' : 'succeeded',
          output: {
            status: output.isError ? 'error' : 'ok',
            output: text.output,
            truncated: text.truncated,
          } as Prisma.InputJsonObject,
        });
        if (!stored) {
          problems.push({
            field: `body.outputs.${i}.toolCallId`,
            message: 'not a call of this job waiting for its output',
          });
        }
      }
      if (problems.length) throw new InvalidInput(problems);
      await this.audit.record(
        tx,
        actor,
        'job.tool_outputs_submitted',
        { type: 'job', id: jobId },
        {
          requestId,
          metadata: { toolCallIds: outputs.map((o) => o.toolCallId) },
        },
      );
    });
  }

  /**
   * In one transaction: the job must be parked and its action not expired; `apply`
   * records what was given; when no call is left waiting, the job is queued again
   * (and enqueued right after commit).
   */
  private async continueWith(
    actor: AuthContext,
    jobId: string,
    what: 'decisions' | 'outputs',
    apply: (tx: Tx, waiting: RunStep[]) => Promise<void>,
  ): Promise<Job> {
    const { job, resumed } = await this.transactions.run(actor.tenantId, async (tx) => {
      const job = await this.jobs.findById(tx, jobId);
      if (!job) throw new NotFound('job', jobId);
      if (job.status !== 'requires_action') {
        throw new Conflict(
          'job-not-waiting',
          'The job is not waiting',
          `Job ${jobId} is ${job.status}, not waiting for ${what}.`,
          {
            jobStatus: job.status,
          },
        );
      }
      const expiresAt = (job.result as { expiresAt?: string } | null)?.expiresAt;
      if (expiresAt && Date.parse(expiresAt) < Date.now()) {
        throw new Conflict(
          'action-expired',
          'The pending action expired',
          `What job ${jobId} waited for expired at ${expiresAt}.`,
          {
            jobStatus: job.status,
          },
        );
      }
      const steps = await this.steps.listForJob(tx, jobId);
      await apply(tx, steps.filter(isWaiting));
      const left = (await this.steps.listForJob(tx, jobId)).filter(stillWaiting);
      if (left.length > 0) return { job, resumed: false };
      return { job: (await this.jobs.resume(tx, jobId))!, resumed: true };
    });
    if (resumed) await this.dispatcher.afterCommitStored(job, { tenantId: job.tenantId, jobId: job.id });
    return job;
  }
}

const isWaiting = (step: RunStep) => step.status === 'awaiting_approval' || step.status === 'awaiting_output';
/** A call still holding the run: approval undecided, or output not handed in. */
const stillWaiting = (step: RunStep) =>
  (step.status === 'awaiting_approval' && step.decision === null) || step.status === 'awaiting_output';
