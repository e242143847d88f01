import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * JSON Schema for tool parameters, checked with ajv: a tool's `parameters` when it is
 * defined, and every call's arguments before the tool runs (a bad call goes back to
 * the model as an error result, so it can try again).
 */
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, validateSchema: true }));

const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 1_000;

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, validate);
  }
  return validate;
}

/** Why `schema` cannot describe a tool's arguments, or null when it can. */
export function parametersProblem(schema: unknown): string | null {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return 'expected a JSON Schema object';
  const object = schema as Record<string, unknown>;
  if (object['type'] !== 'object') return 'expected a JSON Schema with "type": "object" (arguments are an object)';
  try {
    validatorFor(object);
    return null;
  } catch (error) {
    return `not a valid JSON Schema: ${(error as Error).message}`;
  }
}

export type ArgumentCheck = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/** Parses the model's argument text and checks it against the tool's schema. */
export function checkArguments(schema: Record<string, unknown>, text: string): ArgumentCheck {
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return { ok: false, message: 'the arguments are not valid JSON' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'the arguments must be a JSON object' };
  }
  const validate = validatorFor(schema);
  if (validate(value)) return { ok: true, value: value as Record<string, unknown> };
  return { ok: false, message: describe(validate.errors ?? []) };
}

function describe(errors: ErrorObject[]): string {
  return errors
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(arguments)'} ${e.message ?? 'is not valid'}`.trim())
    .join('; ');
}
