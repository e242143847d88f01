import type { CallToolResult } from '@modelcontextprotocol/client';

/**
 * A tool result as the model reads it: text parts joined; any other part (an image,
 * audio, a resource) summarised as JSON, its binary data left out (the model could not
 * read base64 here, and it would eat the output cap). Structured content stands in
 * when there is no content. `isError` is the tool saying it failed.
 */
export function mcpOutputOf(result: CallToolResult): { status: 'ok' | 'error'; output: string } {
  const parts = (result.content ?? []).map((part) =>
    part.type === 'text' ? part.text : JSON.stringify(summary(part)),
  );
  if (parts.length === 0 && result.structuredContent !== undefined)
    parts.push(JSON.stringify(result.structuredContent));
  return { status: result.isError ? 'error' : 'ok', output: parts.join('\n') };
}

function summary(part: Record<string, unknown>): Record<string, unknown> {
  // `data` (images, audio) and `blob` (resources) are base64.
  const { data, blob, resource, ...rest } = part as {
    data?: unknown;
    blob?: unknown;
    resource?: Record<string, unknown>;
  };
  const base64 = typeof data === 'string' ? data : typeof blob === 'string' ? blob : null;
  return {
    ...rest,
    ...(base64 !== null ? { bytes: Math.floor((base64.length * 3) / 4) } : {}),
    ...(resource ? { resource: summary(resource) } : {}),
  };
}
