import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FieldError, ValidationProblem } from './problem';

/**
 * A UTF-16 surrogate without its other half. Without the `u` flag the regex sees code
 * units, which is what a lone surrogate is.
 */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSAFE_TEXT_MESSAGE = 'must not contain NUL (\\u0000) or an unpaired UTF-16 surrogate';
const UNSAFE_KEY_MESSAGE = 'has a key that contains NUL (\\u0000) or an unpaired UTF-16 surrogate';

/** Enough to show the caller what is wrong, however many strings of a large body are. */
const MAX_REPORTED = 20;

/**
 * NUL, or an unpaired surrogate. Postgres refuses both: `text` cannot hold NUL, `jsonb`
 * refuses `\u0000` and unpaired surrogate escapes, and the driver turns a lone surrogate
 * in `text` into U+FFFD (a silent change).
 */
export function isUnsafeText(value: string): boolean {
  return value.includes('\u0000') || UNPAIRED_SURROGATE.test(value);
}

/**
 * Every string and object key in `input` that Postgres would refuse, named under
 * `location` as validation names fields (`body.metadata.note`, `query.action`), at most
 * MAX_REPORTED. Bodies arrive nested at most JSON_MAX_DEPTH (json-body-parser.ts), so the
 * recursion is bounded.
 */
export function unsafeTextFields(input: unknown, location: string): FieldError[] {
  const found: FieldError[] = [];
  const note = (field: string, message: string) => {
    if (found.length < MAX_REPORTED) found.push({ field, message });
  };
  const visit = (value: unknown, path: string): void => {
    if (found.length >= MAX_REPORTED) return;
    if (typeof value === 'string') {
      if (isUnsafeText(value)) note(path, UNSAFE_TEXT_MESSAGE);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}.${i}`));
    } else if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
      for (const [key, item] of Object.entries(value)) {
        // Named by its parent: the key itself is what cannot be shown.
        if (isUnsafeText(key)) note(path, UNSAFE_KEY_MESSAGE);
        visit(item, `${path}.${key}`);
      }
    }
  };
  visit(input, location);
  return found;
}

/**
 * Refuses, on every route and before any handler runs, a request whose path parameters,
 * query, headers or parsed body carry text Postgres cannot store: a 400 naming each field,
 * instead of a database error (a 500) or a silently altered value. One step at the edge
 * rather than a refinement per schema, so a field added later is covered too, and so are
 * inputs no schema reads (a header, a path segment looked up by name).
 */
export function refuseUnsafeText(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preHandler', async (request) => {
      const found = [
        ...unsafeTextFields(request.params, 'param'),
        ...unsafeTextFields(request.query, 'query'),
        ...unsafeTextFields(request.headers, 'headers'),
        ...unsafeTextFields(request.body, 'body'),
      ];
      if (found.length > 0) throw new ValidationProblem(found.slice(0, MAX_REPORTED));
    });
}
