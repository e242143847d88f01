import { readFileSync } from 'node:fs';
import { OPENAPI_FILE, renderOpenApiYaml } from './openapi-file';

describe('apps/api/openapi.yaml', () => {
  it('is what the code generates (run `npm run openapi` after changing a route, a schema or a decorator)', async () => {
    const generated = await renderOpenApiYaml();
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    if (generated !== committed) {
      throw new Error(
        'apps/api/openapi.yaml is out of date with the code: run `npm run openapi` and commit the result.\n' +
          firstDifference(committed, generated),
      );
    }
  });
});

function firstDifference(committed: string, generated: string): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line === -1 ? a.length : line;
  return `First difference at line ${at + 1}:\n  committed: ${a[at] ?? '(end)'}\n  generated: ${b[at] ?? '(end)'}`;
}
