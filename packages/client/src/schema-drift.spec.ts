import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..');
const SCHEMA_FILE = join(ROOT, 'packages', 'client', 'src', 'generated', 'schema.ts');

describe('packages/client/src/generated/schema.ts', () => {
  it('is what openapi-typescript generates from apps/api/openapi.yaml', async () => {
    const { stdout: generated } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'scripts', 'run-ts.cjs'), 'packages/client/scripts/write-schema.ts', '--stdout'],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
    );
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (generated !== committed) {
      const a = committed.split('\n');
      const b = generated.split('\n');
      const at = Math.max(
        0,
        a.findIndex((line, i) => line !== b[i]),
      );
      throw new Error(
        'packages/client/src/generated/schema.ts is out of date with apps/api/openapi.yaml: run `npm run client:generate` and commit the result.\n' +
          `First difference at line ${at + 1}:\n  committed: ${a[at] ?? '(end)'}\n  generated: ${b[at] ?? '(end)'}`,
      );
    }
  }, 30_000);
});
