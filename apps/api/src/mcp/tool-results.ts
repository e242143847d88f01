import { type AuthContext, hasScope, type Scope } from '@copilot/auth';
import { DomainError } from '@copilot/errors';
import type { CallToolResult } from '@modelcontextprotocol/server';

/** A tool's answer as one text block of JSON: what MCP clients hand to their model as is. */
export const jsonResult = (value: unknown): CallToolResult => ({
  content: [{ type: 'text', text: JSON.stringify(value, null, 2) }],
});

/** A failed call, reported to the client's model in-band (MCP's `isError`), never as a protocol error. */
export const toolError = (message: string): CallToolResult => ({
  isError: true,
  content: [{ type: 'text', text: message }],
});

/** Thrown inside a tool for a refusal the caller can act on; its message is the tool error. */
export class ToolRefusal extends Error {}

/**
 * The route lets in any credential with chat:read or documents:read; each tool then
 * checks what it needs, so a credential can still list the tools it cannot call.
 */
export function requireScope(auth: AuthContext, tool: string, ...anyOf: Scope[]): void {
  if (anyOf.some((scope) => hasScope(auth, scope))) return;
  throw new ToolRefusal(`${tool} needs the scope ${anyOf.join(' or ')}, which this credential lacks.`);
}

/**
 * Runs a tool body and turns every failure into a tool error: refusals and domain
 * errors (an unknown copilot, a spent budget) with their message, anything else as a
 * generic failure whose cause goes to the logs only, as the api's error filters do.
 */
export async function guarded(
  run: () => Promise<CallToolResult>,
  onUnexpected: (error: unknown) => void,
): Promise<CallToolResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ToolRefusal) return toolError(error.message);
    if (error instanceof DomainError) return toolError(`${error.code}: ${error.message}`);
    onUnexpected(error);
    return toolError('The platform failed to run this tool; try again later.');
  }
}
