import type { Conversation, Job, Message } from '@copilot/persistence';

// The api's JSON shapes: stable field names, no internal columns (tenant ids, payloads).

export const presentConversation = (c: Conversation) => ({
  id: c.id,
  title: c.title,
  metadata: c.metadata,
  copilotId: c.copilotId,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

export const presentMessage = (m: Message) => ({
  id: m.id,
  conversationId: m.conversationId,
  role: m.role,
  content: m.content,
  jobId: m.jobId,
  citations: m.citations,
  createdAt: m.createdAt,
});

export const presentJob = (j: Job) => ({
  id: j.id,
  type: j.name,
  status: j.status,
  progress: j.progress,
  attempts: j.attempts,
  // A parked run stores what it waits for where a result would go: shown as requiredAction.
  result: j.status === 'requires_action' ? null : j.result,
  error: j.error,
  requiredAction: j.status === 'requires_action' ? j.result : null,
  createdAt: j.createdAt,
  startedAt: j.startedAt,
  finishedAt: j.finishedAt,
  links: { self: `/v1/jobs/${j.id}`, events: `/v1/jobs/${j.id}/events` },
});

/** A cursor page in the list shape every `GET` collection answers with: `{ data, nextCursor }`. */
export const presentPage = <T, R>(page: { data: T[]; nextCursor: string | null }, present: (item: T) => R) => ({
  data: page.data.map(present),
  nextCursor: page.nextCursor,
});
