import { ForbiddenException } from '@nestjs/common';
import { type AuthContext, hasScope, type Scope } from '@copilot/auth';
import type { Job } from '@copilot/persistence';

/**
 * The scope that reads a job, by what the job does: a key that may only read documents
 * follows its own ingest jobs, and still sees no chat job (a reply is chat content).
 */
const READ_SCOPE: Record<string, Scope> = { 'document.ingest': 'documents:read' };
const DEFAULT_READ_SCOPE: Scope = 'chat:read';

/** The job routes take one of these scopes (@AnyOfScopes); assertCanRead then checks the job's own. */
export const JOB_READ_SCOPES: Scope[] = ['chat:read', 'documents:read'];

export function assertCanRead(auth: AuthContext, job: Job): Job {
  const needed = READ_SCOPE[job.name] ?? DEFAULT_READ_SCOPE;
  if (!hasScope(auth, needed)) throw new ForbiddenException(`This credential lacks the scope(s): ${needed}.`);
  return job;
}
