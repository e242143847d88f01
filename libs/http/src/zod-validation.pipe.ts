import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationProblem } from './problem';

/** Parses `value`, or throws a ValidationProblem naming every bad field under `location` (e.g. `body`). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, location: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const field = (path: PropertyKey[]) => [location, ...path.map(String)].join('.');
  throw new ValidationProblem(
    result.error.issues.flatMap((issue) =>
      // Name each unexpected field itself rather than its parent object.
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ field: field([...issue.path, key]), message: 'is not a known field' }))
        : [{ field: field(issue.path), message: issue.message }],
    ),
  );
}

/** Validates one controller argument with a zod schema; rejects with every problem at once. */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.output<S> {
    const location = [metadata.type === 'custom' ? 'input' : metadata.type, metadata.data].filter(Boolean).join('.');
    return parseInput(this.schema, value, location);
  }
}

/**
 * `@Body(validate(schema))`: a ZodValidationPipe, and the schema itself as the parameter's
 * schema (Nest's ParameterDecoratorOptions), from which the OpenAPI document describes the
 * parameter: what is documented is what is validated.
 */
export const validate = <S extends z.ZodType>(schema: S) => ({ schema, pipes: [new ZodValidationPipe(schema)] });
