// Rendered Kubernetes manifests, as plain objects, and small lookups over them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { kustomizeBuild, repoRoot } from './tools';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  [key: string]: unknown;
}

export const OVERLAYS = ['staging', 'production'] as const;
export type Overlay = (typeof OVERLAYS)[number];

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o != null);
}

const cache = new Map<string, K8sObject[]>();
/** `kustomize build deploy/k8s/<path>`, parsed (cached: rendering takes a moment). */
export function render(path: string): K8sObject[] {
  if (!cache.has(path)) cache.set(path, parseManifests(kustomizeBuild(join('deploy/k8s', path))));
  return structuredClone(cache.get(path)!);
}

/** Renders an overlay with extra components, as an operator would add them. */
export function renderWithComponents(overlay: Overlay, components: string[]): K8sObject[] {
  // a scratch kustomization; kustomize takes relative paths only
  const dir = mkdtempSync(join(tmpdir(), 'kustomize-'));
  try {
    const k8s = relative(dir, join(repoRoot, 'deploy/k8s'));
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'resources:',
        `  - ${k8s}/overlays/${overlay}`,
        'components:',
        ...components.map((c) => `  - ${k8s}/components/${c}`),
      ].join('\n'),
    );
    return parseManifests(kustomizeBuild(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found)
    throw new Error(`no ${kind}/${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

export interface PodSpec {
  containers: Container[];
  securityContext?: Record<string, unknown>;
  volumes?: { name: string }[];
  [key: string]: unknown;
}
export interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  securityContext?: Record<string, unknown>;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  [key: string]: unknown;
}

/** The pod template of a workload (Deployment, Job, CronJob). */
export interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec: PodSpec;
}
export function podTemplate(o: K8sObject): PodTemplate {
  const spec = o.spec as { template?: PodTemplate; jobTemplate?: { spec: { template: PodTemplate } } };
  return o.kind === 'CronJob' ? spec.jobTemplate!.spec.template : spec.template!;
}

export const WORKLOAD_KINDS = ['Deployment', 'Job', 'CronJob'];
