import { Injectable } from '@nestjs/common';
import { ReplyGenerationService } from '@copilot/conversations';
import type { JobContext, JobOf } from '@copilot/queues';

/** chat.generate: one reply to one user message. */
@Injectable()
export class ChatGenerateProcessor {
  constructor(private readonly replies: ReplyGenerationService) {}

  async handle(payload: JobOf<'chat.generate'>, { job, signal }: JobContext) {
    try {
      return await this.replies.run(payload, signal);
    } catch (error) {
      // Only the last attempt ends the job; earlier ones are retried by BullMQ.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.replies.fail(payload);
      throw error;
    }
  }
}
