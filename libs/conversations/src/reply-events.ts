import type { RestartMarker } from '@copilot/llm';

/** Another provider (or attempt) starts the reply over: clients drop the tokens so far. */
export function restartedStatus(marker: RestartMarker) {
  return {
    status: 'restarted' as const,
    provider: marker.provider,
    model: marker.model,
    attempt: marker.attempt,
    reason: marker.reason,
  };
}
