import { checkArguments, parametersProblem } from './tool-arguments';

const weather = {
  type: 'object',
  properties: { city: { type: 'string', minLength: 1 }, days: { type: 'integer', minimum: 1, maximum: 7 } },
  required: ['city'],
  additionalProperties: false,
};

describe('tool arguments', () => {
  it('accepts an object schema and says why others cannot describe arguments', () => {
    expect(parametersProblem(weather)).toBeNull();
    expect(parametersProblem({ type: 'string' })).toContain('"type": "object"');
    expect(parametersProblem([])).toBe('expected a JSON Schema object');
    expect(parametersProblem({ type: 'object', properties: { a: { type: 'nonsense' } } })).toContain(
      'not a valid JSON Schema',
    );
  });

  it('checks the arguments a model wrote against the schema, saying what is wrong', () => {
    expect(checkArguments(weather, '{"city":"Oslo","days":3}')).toEqual({ ok: true, value: { city: 'Oslo', days: 3 } });
    expect(checkArguments(weather, '{"city":"Oslo"')).toEqual({
      ok: false,
      message: 'the arguments are not valid JSON',
    });
    expect(checkArguments(weather, '[1]')).toEqual({ ok: false, message: 'the arguments must be a JSON object' });
    const bad = checkArguments(weather, '{"days":9,"units":"c"}');
    expect(bad.ok).toBe(false);
    const message = (bad as { message: string }).message;
    expect(message).toContain("must have required property 'city'");
    expect(message).toContain('/days must be <= 7');
    expect(message).toContain('must NOT have additional properties');
    // No arguments at all is an empty object, which a schema without required fields takes.
    expect(checkArguments({ type: 'object' }, '')).toEqual({ ok: true, value: {} });
  });
});
