import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');
const EXAMPLES = join(ROOT, 'examples');

// The examples are documentation users copy: they must compile against the client as it is.
// (e2e/src/client-sdk.e2e-spec.ts also runs them against the platform.)
describe('examples/', () => {
  it('typecheck against the client and the openai SDK', () => {
    const files = readdirSync(EXAMPLES)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => join(EXAMPLES, name));
    expect(files.map((file) => file.slice(EXAMPLES.length + 1)).sort()).toEqual([
      'chat.ts',
      'ingest-and-search.ts',
      'openai-sdk.ts',
    ]);
    const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.base.json'), (path) => ts.sys.readFile(path));
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
    const program = ts.createProgram(files, { ...options, noEmit: true });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.formatDiagnostic(d, formatHost));
    expect(problems).toEqual([]);
  }, 40_000);
});

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (name) => name,
  getCurrentDirectory: () => ROOT,
  getNewLine: () => '\n',
};
