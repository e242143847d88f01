import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageDir } from './tools';

/** Kubernetes' own kinds, then the CRDs the manifests use. */
export const SCHEMA_PACKAGES = [
  'kubernetes-models',
  '@kubernetes-models/keda',
  '@kubernetes-models/prometheus-operator',
  '@kubernetes-models/external-secrets',
] as const;

export interface SchemaProblem {
  object: string;
  problem: string;
}

/** Validates every object against its kind's schema (see k8s-schema-check.mjs). */
export function schemaProblems(objects: object[]): SchemaProblem[] {
  const packages = Object.fromEntries(SCHEMA_PACKAGES.map((name) => [name, packageDir(name)]));
  const dir = mkdtempSync(join(tmpdir(), 'k8s-objects-'));
  try {
    const file = join(dir, 'objects.json');
    writeFileSync(file, JSON.stringify(objects));
    const out = execFileSync(process.execPath, [join(__dirname, 'k8s-schema-check.mjs'), file], {
      encoding: 'utf8',
      env: { ...process.env, K8S_SCHEMA_PACKAGES: JSON.stringify(packages) },
    });
    return JSON.parse(out) as SchemaProblem[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
