// Validates Kubernetes objects against the schemas shipped by kubernetes-models
// (built-in kinds) and @kubernetes-models/* (CRDs: KEDA, Prometheus Operator,
// External Secrets). Those packages are ESM-only, which Jest's CommonJS runtime
// cannot load, so k8s-schemas.ts runs this file with plain node.
//
//   node k8s-schema-check.mjs <objects.json>     (K8S_SCHEMA_PACKAGES: {"name": "/abs/dir"})
// prints [{ "object": "Kind/name", "problem": "..." }] for every object that fails.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const packages = JSON.parse(process.env.K8S_SCHEMA_PACKAGES ?? '{}');
const objects = JSON.parse(readFileSync(process.argv[2], 'utf8'));

// `apps/v1` -> apps/v1, `v1` -> v1: the packages lay models out as <group>/<version>/<Kind>.js
function modelFile(apiVersion, kind) {
  for (const dir of Object.values(packages)) {
    const file = join(dir, ...apiVersion.split('/'), `${kind}.js`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

const problems = [];
for (const object of objects) {
  const label = `${object.kind}/${object.metadata?.name}`;
  const file = modelFile(String(object.apiVersion), String(object.kind));
  if (!file) {
    problems.push({ object: label, problem: `no schema for ${object.apiVersion} ${object.kind}` });
    continue;
  }
  const module = await import(pathToFileURL(file).href);
  const Model = module[object.kind];
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push({ object: label, problem: String(error.message ?? error) });
  }
}
process.stdout.write(JSON.stringify(problems));
