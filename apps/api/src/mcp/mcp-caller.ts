import type { AuthContext } from '@copilot/auth';

/** Who one MCP request acts for: its tools run with the credential the api's guard verified. */
export interface McpCaller {
  auth: AuthContext;
  /** The HTTP request's id, carried into the jobs a tool starts (as the REST routes do). */
  requestId: string;
  /** Logs and reports a failure that is not the caller's to act on. */
  onUnexpected(error: unknown): void;
}
