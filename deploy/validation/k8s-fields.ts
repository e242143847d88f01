// Unknown fields: the JSON schemas the models ship allow any extra property, so
// a misspelt field (`imagePullPolicyy`, `intervall`) would pass them. The models'
// TypeScript declarations are exact, and TypeScript rejects an object literal
// with a property its type lacks: each object is type-checked against its kind's
// declared interface (what kubeconform's -strict does with schemas).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import { SCHEMA_PACKAGES, type SchemaProblem } from './k8s-schemas';
import { packageDir } from './tools';

function declarationFile(apiVersion: string, kind: string): string | undefined {
  for (const name of SCHEMA_PACKAGES) {
    const file = join(packageDir(name), ...apiVersion.split('/'), `${kind}.d.ts`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

export function unknownFieldProblems(objects: { apiVersion: string; kind: string; metadata: { name: string } }[]) {
  const problems: SchemaProblem[] = [];
  const lines: string[] = [];
  const owners: string[] = []; // the object each generated line belongs to
  objects.forEach((o, i) => {
    const label = `${o.kind}/${o.metadata.name}`;
    const declarations = declarationFile(o.apiVersion, o.kind);
    if (!declarations) return; // reported by the schema check
    const chunk = [
      `import type { I${o.kind} as T${i} } from ${JSON.stringify(declarations.replace(/\.d\.ts$/, '.js'))};`,
      `export const o${i}: T${i} = ${JSON.stringify(o, null, 1)};`,
    ].join('\n');
    for (const line of chunk.split('\n')) {
      lines.push(line);
      owners.push(label);
    }
  });
  const dir = mkdtempSync(join(tmpdir(), 'k8s-fields-'));
  try {
    const file = join(dir, 'objects.ts');
    writeFileSync(file, lines.join('\n'));
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
    });
    const source = program.getSourceFile(file)!;
    for (const d of ts.getPreEmitDiagnostics(program, source)) {
      const { line } = source.getLineAndCharacterOfPosition(d.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
      problems.push({ object: owners[line] ?? '?', problem: message.slice(0, 300) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return problems;
}
