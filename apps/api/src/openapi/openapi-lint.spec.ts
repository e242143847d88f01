import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..', '..');
const DOCUMENT = 'apps/api/openapi.yaml';
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
// Offline and quiet: no telemetry, no update check.
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

/** Runs a linter that exits non-zero when it finds problems; its JSON report is what matters. */
async function run(command: string, args: string[]): Promise<string> {
  try {
    return (await promisify(execFile)(command, args, { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    if (stdout?.trim()) return stdout;
    throw new Error(`${command} failed: ${stderr}`);
  }
}

describe('the OpenAPI document', () => {
  it('passes Redocly lint (recommended rules, redocly.yaml) with no error or warning', async () => {
    const report = JSON.parse(await run(bin('redocly'), ['lint', DOCUMENT, '--format=json'])) as {
      problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
    };
    const problems = report.problems
      .filter((p) => p.severity !== 'off' && p.severity !== 'ignore')
      .map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(problems).toEqual([]);
  }, 30_000);

  it('passes Spectral (spectral:oas and the OWASP ruleset, .spectral.yaml) with no error or warning', async () => {
    const results = JSON.parse(
      await run(bin('spectral'), ['lint', DOCUMENT, '--ruleset', '.spectral.yaml', '--format', 'json', '--quiet']),
    ) as { code: string; severity: number; message: string; path: string[] }[];
    // Severity 0 is an error, 1 a warning (2 information and 3 hint are advice).
    const problems = results
      .filter((r) => r.severity <= 1)
      .map((r) => `${r.severity === 0 ? 'error' : 'warning'} ${r.code} at ${r.path.join('.')}: ${r.message}`);
    expect(problems).toEqual([]);
  }, 60_000);
});
