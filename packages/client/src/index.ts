export { createCopilotClient } from './copilot-client';
export type { CopilotClient, CopilotClientOptions, StreamJobOptions, StreamReplyOptions } from './copilot-client';
export { CopilotApiError } from './copilot-api-error';
export type { Problem, ProblemFieldError } from './copilot-api-error';
export { CopilotStreamError } from './sse/follow-event-stream';
export type { StreamRetryOptions } from './sse/follow-event-stream';
export type {
  JobDoneData,
  JobErrorData,
  JobEventData,
  JobStatusData,
  JobStreamEvent,
  JobStreamEventType,
} from './job-stream-events';
export { createSseParser } from './sse/sse-parser';
export type { SseMessage, SseParser } from './sse/sse-parser';
export type { ApiClient } from './typed-methods';
export type { components, operations, paths } from './generated/schema';

import type { components } from './generated/schema';
/** The api's schema objects by name: `Schema<'Conversation'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
