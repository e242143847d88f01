import { DomainError } from '@copilot/errors';
import { CommanderError } from 'commander';

/** Exit codes, as sysexits-minded scripts expect them. */
export const EXIT = { ok: 0, user: 1, usage: 2, internal: 70 } as const;

/** A mistake of the operator's (bad value, unknown tenant): printed as is, exit code 1. */
export class CommandError extends Error {}

// Matched by shape, not by class: importing @copilot/config and NestJS here would
// load them for `--help` and usage errors too, which need neither.
const isSettingsError = (error: unknown) => (error as Error)?.name === 'SettingsError';
const isClientHttpError = (error: unknown): error is { getStatus(): number; getResponse(): unknown } =>
  typeof (error as { getStatus?: unknown })?.getStatus === 'function' &&
  typeof (error as { getResponse?: unknown })?.getResponse === 'function' &&
  (error as { getStatus(): number }).getStatus() < 500;

/** The error line and exit code for anything a command threw. */
export function describeFailure(error: unknown): { message: string; code: number } {
  if (error instanceof CommanderError) return { message: '', code: error.exitCode === 0 ? EXIT.ok : EXIT.usage };
  if (error instanceof CommandError || isSettingsError(error))
    return { message: (error as Error).message, code: EXIT.user };
  // The domain's refusals (unknown id, bad model, too large, a conflicting state) are the operator's to fix.
  if (error instanceof DomainError) return { message: error.message, code: EXIT.user };
  // The HTTP-facing services (auth) answer bad input with 4xx exceptions.
  if (isClientHttpError(error)) {
    const body = error.getResponse() as { detail?: string; message?: string } | string;
    return {
      message: typeof body === 'string' ? body : (body.detail ?? body.message ?? String(error)),
      code: EXIT.user,
    };
  }
  return { message: String((error as Error)?.stack ?? error), code: EXIT.internal };
}
