import { Injectable } from '@nestjs/common';
import type { Prisma, RunStep } from '../generated/prisma/client';
import type { Tx } from '../lib/tenant-transaction';

export type RunStepStatus =
  'running' | 'succeeded' | 'failed' | 'rejected' | 'timeout' | 'cancelled' | 'awaiting_approval' | 'awaiting_output';

export interface ModelStepStart {
  seq: number;
  provider: string | null;
  model: string | null;
}

export interface ToolStepStart {
  seq: number;
  toolCallId: string;
  toolName: string;
  toolKind: string;
  arguments: string;
  argumentsDigest: string;
  status?: RunStepStatus;
}

export interface StepEnd {
  status: RunStepStatus;
  output?: Prisma.InputJsonValue;
  error?: Prisma.InputJsonObject;
  provider?: string | null;
  model?: string | null;
  inputTokens?: number;
  outputTokens?: number;
  durationMs?: number;
}

/**
 * The steps of an agent run (run_steps): each model call and tool call is written
 * before it starts and again when it ends, so a run that resumes knows what finished.
 */
@Injectable()
export class RunStepRepository {
  listForJob(tx: Tx, jobId: string): Promise<RunStep[]> {
    return tx.runStep.findMany({ where: { jobId }, orderBy: { seq: 'asc' } });
  }

  startModel(tx: Tx, tenantId: string, jobId: string, step: ModelStepStart): Promise<RunStep> {
    return tx.runStep.create({ data: { tenantId, jobId, kind: 'model', status: 'running', ...step } });
  }

  startTool(tx: Tx, tenantId: string, jobId: string, step: ToolStepStart): Promise<RunStep> {
    return tx.runStep.create({
      data: { tenantId, jobId, kind: 'tool', ...step, status: step.status ?? 'running' },
    });
  }

  end(tx: Tx, id: string, end: StepEnd): Promise<RunStep> {
    return tx.runStep.update({ where: { id }, data: { ...end, finishedAt: new Date() } });
  }

  /** A call left running by a worker that died, which may not simply run again: it waits for a person. */
  async holdForApproval(tx: Tx, id: string): Promise<void> {
    await tx.runStep.updateMany({ where: { id, status: 'running' }, data: { status: 'awaiting_approval' } });
  }

  /** The caller's output of a client tool, once: false if the call is not waiting for one. */
  async submitOutput(tx: Tx, jobId: string, toolCallId: string, end: StepEnd): Promise<boolean> {
    const updated = await tx.runStep.updateMany({
      where: { jobId, toolCallId, status: 'awaiting_output' },
      data: { ...end, finishedAt: new Date() },
    });
    return updated.count === 1;
  }

  /** What a parked run waited for expired: undecided approvals become `expired`, missing outputs failures. */
  async expireWaiting(tx: Tx, jobId: string): Promise<void> {
    await tx.runStep.updateMany({
      where: { jobId, status: 'awaiting_approval', decision: null },
      data: { decision: 'expired', decidedAt: new Date() },
    });
    await tx.runStep.updateMany({
      where: { jobId, status: 'awaiting_output' },
      data: {
        status: 'failed',
        output: { status: 'error', output: 'the caller did not hand in an output in time', truncated: false },
        finishedAt: new Date(),
      },
    });
  }

  /** A model step that was running when its worker died: it is run again, from scratch. */
  async discard(tx: Tx, id: string): Promise<void> {
    await tx.runStep.deleteMany({ where: { id } });
  }

  /**
   * Records a person's decision on a call waiting for approval, once: false if it was
   * decided (or is not waiting). The call's arguments are fixed once written, so the
   * decision holds for exactly the call the approver was shown.
   */
  async decide(
    tx: Tx,
    jobId: string,
    toolCallId: string,
    decision: { approved: boolean; reason?: string },
  ): Promise<boolean> {
    const updated = await tx.runStep.updateMany({
      where: { jobId, toolCallId, status: 'awaiting_approval', decision: null },
      data: {
        decision: decision.approved ? 'approved' : 'rejected',
        decisionReason: decision.reason ?? null,
        decidedAt: new Date(),
      },
    });
    return updated.count === 1;
  }
}
