import { z } from 'zod';
import { CommandError } from './cli-errors';

export { z };

/** An operator's value checked against `schema`; what was expected, named after the flag, if not. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new CommandError(`${what}: ${result.error.issues.map((i) => i.message).join('; ')}`);
  return result.data;
}
