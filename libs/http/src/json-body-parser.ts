import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ValidationProblem } from './problem';

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Nest's JSON body parser (Fastify's: proto-poisoning refused, the server's body limit)
 * behind a nesting limit. JSON.parse itself copes with 10,000 levels, but what runs after it
 * recurses (validation, Prisma, JSON.stringify in logs) and overflows the stack: a 500 for a
 * 20 kB body. Deeper bodies are a 400 naming `body`, refused before they are parsed.
 * Call before app.init(), which otherwise installs the parser without the limit.
 */
export function limitJsonDepth(app: NestFastifyApplication, maxDepth: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const { bodyLimit, onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
  const parse = fastify.getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error');
  app.useBodyParser<Server>('application/json', { bodyLimit }, (request, body, done) => {
    if (nestingExceeds(body, maxDepth)) {
      done(new ValidationProblem([{ field: 'body', message: `is nested deeper than ${maxDepth} levels` }]), undefined);
      return;
    }
    parse(request, body as unknown as string, done);
  });
}

/**
 * Whether arrays and objects in the UTF-8 JSON `json` nest deeper than `maxDepth`; brackets
 * inside strings do not count. Bytes, not characters: in UTF-8 no byte of a multi-byte
 * character is ASCII, so a quote or bracket byte is always that character.
 */
export function nestingExceeds(json: Buffer, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}
