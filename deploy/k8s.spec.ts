// Renders every kustomize overlay (offline, kustomize 5) and checks the objects
// against the Kubernetes and CRD schemas and against what the platform needs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { unknownFieldProblems } from './validation/k8s-fields';
import { schemaProblems } from './validation/k8s-schemas';
import {
  find,
  type K8sObject,
  OVERLAYS,
  parseManifests,
  podTemplate,
  render,
  renderWithComponents,
  WORKLOAD_KINDS,
} from './validation/manifests';
import { repoRoot } from './validation/tools';

const APPS = { api: 8080, worker: 9464, scheduler: 9465 } as const;
const PORT_SETTING = { api: 'PORT', worker: 'WORKER_PORT', scheduler: 'SCHEDULER_PORT' } as const;
const DOCUMENTED_SETTINGS = new Set(Object.keys(parseDotenv(readFileSync(join(repoRoot, '.env.example')))));
const label = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
const workloads = (objects: K8sObject[]) => objects.filter((o) => WORKLOAD_KINDS.includes(o.kind));

describe.each(OVERLAYS)('deploy/k8s/overlays/%s', (overlay) => {
  const objects = () => render(`overlays/${overlay}`);

  it('renders, and every object is valid against its schema (CRDs included)', () => {
    const rendered = objects();
    expect(rendered.length).toBeGreaterThan(20);
    expect(schemaProblems(rendered)).toEqual([]);
  });

  it('(the schema check does reject mistakes)', () => {
    const rendered = objects();
    const deployment = find(rendered, 'Deployment', 'copilot-api');
    (deployment.spec as Record<string, unknown>).replicas = '2';
    const scaled = find(rendered, 'ScaledObject', 'copilot-worker');
    (scaled.spec as Record<string, unknown>).maxReplicaCount = 'twenty';
    const monitor = find(rendered, 'ServiceMonitor', 'copilot-platform');
    (monitor.spec as { endpoints: { port: unknown }[] }).endpoints[0].port = 9464;
    const unknownKind = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    expect(
      schemaProblems([deployment, scaled, monitor, unknownKind])
        .map((p) => p.object)
        .sort(),
    ).toEqual(['Deployment/copilot-api', 'ScaledObject/copilot-worker', 'ServiceMonitor/copilot-platform', 'Widget/w']);
  });

  it('puts everything in its own namespace, named after the environment', () => {
    const rendered = objects();
    const namespace = `copilot-${overlay}`;
    expect(find(rendered, 'Namespace', namespace)).toBeDefined();
    const elsewhere = rendered.filter((o) => o.kind !== 'Namespace' && o.metadata.namespace !== namespace);
    expect(elsewhere.map(label)).toEqual([]);
  });

  it('has the api, worker and scheduler with their Services, and no database of its own', () => {
    const rendered = objects();
    for (const app of Object.keys(APPS)) {
      const deployment = find(rendered, 'Deployment', `copilot-${app}`);
      const service = find(rendered, 'Service', `copilot-${app}`);
      const selector = (service.spec as { selector: Record<string, string> }).selector;
      expect(podTemplate(deployment).metadata?.labels).toMatchObject(selector);
    }
    // Postgres and Redis are managed services or operators, not a toy StatefulSet
    expect(rendered.filter((o) => o.kind === 'StatefulSet').map(label)).toEqual([]);
    const images = workloads(rendered).flatMap((o) => podTemplate(o).spec.containers.map((c) => c.image));
    expect(images.filter((i) => /redis|pgvector/.test(i))).toEqual([]);
  });

  it.each(Object.entries(APPS))('%s: probes on its port, resources, image from the release', (app, port) => {
    const deployment = find(objects(), 'Deployment', `copilot-${app}`);
    const [container] = podTemplate(deployment).spec.containers;
    expect(container.image).toMatch(new RegExp(`^ghcr\\.io/[^/]+/copilot-platform/${app}:[\\w.-]+$`));
    expect(container.ports).toEqual([{ name: 'http', containerPort: port }]);
    expect(container.env).toContainEqual({ name: PORT_SETTING[app as keyof typeof APPS], value: String(port) });
    const probe = (name: string) => (container[name] as { httpGet: { path: string; port: string } }).httpGet;
    expect(probe('startupProbe')).toEqual({ path: '/health', port: 'http' });
    expect(probe('livenessProbe')).toEqual({ path: '/health', port: 'http' });
    expect(probe('readinessProbe')).toEqual({ path: '/ready', port: 'http' });
    expect(Object.keys(container.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
    expect(container.resources?.limits?.memory).toBeDefined();
  });

  it('runs every pod non-root with a read-only root filesystem and no privileges', () => {
    const problems: string[] = [];
    for (const o of workloads(objects())) {
      const pod = podTemplate(o).spec;
      if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${label(o)}: runAsNonRoot`);
      if (!(Number(pod.securityContext?.runAsUser) > 0)) problems.push(`${label(o)}: numeric runAsUser`);
      expect(pod.securityContext?.seccompProfile).toEqual({ type: 'RuntimeDefault' });
      if (pod.automountServiceAccountToken !== false) problems.push(`${label(o)}: service account token`);
      for (const c of pod.containers) {
        const sc = c.securityContext ?? {};
        if (sc.readOnlyRootFilesystem !== true) problems.push(`${label(o)}/${c.name}: readOnlyRootFilesystem`);
        if (sc.allowPrivilegeEscalation !== false) problems.push(`${label(o)}/${c.name}: allowPrivilegeEscalation`);
        expect(sc.capabilities).toEqual({ drop: ['ALL'] });
        if (/:latest$|^[^:]+$/.test(c.image)) problems.push(`${label(o)}/${c.name}: unpinned image ${c.image}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('hands the apps documented settings, and the owner credentials only to migrations and backups', () => {
    const rendered = objects();
    const settings = find(rendered, 'ConfigMap', 'copilot-settings').data ?? {};
    expect(Object.keys(settings).filter((k) => !DOCUMENTED_SETTINGS.has(k))).toEqual([]);
    expect(settings.APP_ENV).toBe('production');
    const secretsCreated = rendered
      .filter((o) => o.kind === 'ExternalSecret')
      .map((o) => (o.spec as { target: { name: string } }).target.name);
    for (const o of workloads(rendered)) {
      for (const c of podTemplate(o).spec.containers) {
        const env = c.env ?? [];
        expect(env.map((e) => e.name).filter((n) => !DOCUMENTED_SETTINGS.has(n))).toEqual([]);
        const secretNames = [
          ...env.flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef.name] : [])),
          ...(c.envFrom ?? []).flatMap((e) => (e.secretRef ? [e.secretRef.name] : [])),
        ];
        expect(secretNames.filter((n) => !secretsCreated.includes(n))).toEqual([]);
        const seesOwner = secretNames.includes('copilot-db-admin');
        expect([label(o), seesOwner]).toEqual([label(o), ['Job', 'CronJob'].includes(o.kind)]);
      }
    }
  });

  it('migrates in the first phase, before the apps roll', () => {
    const phase = (o: K8sObject) => o.metadata.labels?.['deploy.copilot.dev/phase'];
    const rendered = objects();
    const job = find(rendered, 'Job', 'copilot-migrate');
    expect(phase(job)).toBe('pre');
    expect(podTemplate(job).spec.containers[0].image).toMatch(/\/copilot-platform\/migrate:/);
    // what the Job needs exists in the same phase; the apps come after it
    for (const [kind, name] of [
      ['Namespace', `copilot-${overlay}`],
      ['ConfigMap', 'copilot-settings'],
      ['ExternalSecret', 'copilot-db-admin'],
      ['ServiceAccount', 'copilot'],
      ['NetworkPolicy', 'egress-dns-postgres-redis'],
    ]) {
      expect([kind, name, phase(find(rendered, kind, name))]).toEqual([kind, name, 'pre']);
    }
    expect(rendered.filter((o) => o.kind === 'Deployment' && phase(o)).map(label)).toEqual([]);
  });

  it('serves the api through a TLS Ingress issued by cert-manager', () => {
    const ingress = find(objects(), 'Ingress', 'copilot-api');
    expect(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer']).toMatch(/^letsencrypt-/);
    const spec = ingress.spec as { tls: { hosts: string[] }[]; rules: { host: string; http: unknown }[] };
    expect(spec.tls[0].hosts).toEqual(spec.rules.map((r) => r.host));
    expect(JSON.stringify(spec.rules)).toContain('"name":"copilot-api"');
  });

  it('lets only the ingress controller reach the api, and the apps reach only DNS, Postgres, Redis and HTTPS', () => {
    const policies = objects().filter((o) => o.kind === 'NetworkPolicy');
    const deny = find(policies, 'NetworkPolicy', 'default-deny').spec as Record<string, unknown>;
    expect(deny).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const ingressRules = policies.flatMap((p) =>
      ((p.spec as { ingress?: { from: unknown[]; ports: { port: number }[] }[] }).ingress ?? []).map((r) => ({
        policy: p.metadata.name,
        ports: r.ports.map((x) => x.port),
        from: JSON.stringify(r.from),
      })),
    );
    expect(ingressRules).toEqual([
      { policy: 'api-from-ingress', ports: [8080], from: expect.stringContaining('ingress-nginx') },
      { policy: 'metrics-from-prometheus', ports: [8080, 9464, 9465], from: expect.stringContaining('monitoring') },
    ]);
    const egressPorts = policies
      .flatMap((p) => (p.spec as { egress?: { ports: { port: number }[] }[] }).egress ?? [])
      .flatMap((r) => r.ports.map((x) => x.port));
    expect([...new Set(egressPorts)].sort((a, b) => a - b)).toEqual([53, 443, 5432, 6379]);
    // every pod (apps, migrations, backups) is one the DNS/Postgres/Redis rule selects
    const data = find(policies, 'NetworkPolicy', 'egress-dns-postgres-redis').spec as {
      podSelector: { matchLabels: Record<string, string> };
    };
    for (const o of workloads(objects())) {
      expect([label(o), podTemplate(o).metadata?.labels]).toEqual([
        label(o),
        expect.objectContaining(data.podSelector.matchLabels),
      ]);
    }
  });

  it('autoscales the api on CPU and memory, and the workers on queue depth and wait', () => {
    const rendered = objects();
    const hpa = find(rendered, 'HorizontalPodAutoscaler', 'copilot-api').spec as Record<string, unknown>;
    expect(hpa.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'copilot-api' });
    expect(JSON.stringify(hpa.metrics)).toMatch(/"cpu".*"averageUtilization":70.*"memory".*"averageUtilization":80/);
    const scaled = find(rendered, 'ScaledObject', 'copilot-worker').spec as {
      scaleTargetRef: { name: string };
      minReplicaCount: number;
      maxReplicaCount: number;
      triggers: { type: string; metadata: { query: string } }[];
    };
    expect(scaled.scaleTargetRef.name).toBe('copilot-worker');
    const queries = scaled.triggers.map((t) => t.metadata.query);
    expect(queries).toEqual([
      expect.stringContaining('queue_jobs{'),
      expect.stringContaining('queue_oldest_waiting_seconds{'),
    ]);
    // each environment's Prometheus query reads its own namespace
    for (const q of queries) expect(q).toContain(`namespace="copilot-${overlay}"`);
    if (overlay === 'production') {
      expect([hpa.minReplicas, hpa.maxReplicas]).toEqual([3, 10]);
      expect([scaled.minReplicaCount, scaled.maxReplicaCount]).toEqual([2, 20]);
    }
  });

  it('keeps every app available through voluntary disruptions', () => {
    const rendered = objects();
    for (const app of Object.keys(APPS)) {
      const pdb = find(rendered, 'PodDisruptionBudget', `copilot-${app}`).spec as {
        selector: { matchLabels: Record<string, string> };
      };
      expect(podTemplate(find(rendered, 'Deployment', `copilot-${app}`)).metadata?.labels).toMatchObject(
        pdb.selector.matchLabels,
      );
    }
  });

  it('scrapes the three apps and backs up nightly', () => {
    const rendered = objects();
    const monitor = find(rendered, 'ServiceMonitor', 'copilot-platform').spec as {
      selector: { matchExpressions: { values: string[] }[] };
      endpoints: { port: string; path: string }[];
    };
    expect(monitor.selector.matchExpressions[0].values.sort()).toEqual(Object.keys(APPS).sort());
    expect(monitor.endpoints).toEqual([expect.objectContaining({ port: 'http', path: '/metrics' })]);
    const backup = find(rendered, 'CronJob', 'copilot-backup');
    const script = (podTemplate(backup).spec.containers[0].args as string[]).join('\n');
    expect(script).toContain('pg_dump --format=custom');
    expect(script).toContain('pg_restore --list');
  });
});

describe('staging and production', () => {
  // Paths (Kind/name:path) where the environments may differ; anything else is a drift.
  const MAY_DIFFER = [
    /:metadata\.namespace$/,
    /^Namespace\/.*:metadata\.name$/,
    /^ConfigMap\/copilot-settings:data\.CORS_ORIGINS$/,
    /^Ingress\/copilot-api:(metadata\.annotations\.cert-manager\.io\/cluster-issuer|spec\.tls\.0\.hosts\.0|spec\.rules\.0\.host)$/,
    /^HorizontalPodAutoscaler\/copilot-api:spec\.(min|max)Replicas$/,
    /^ScaledObject\/copilot-worker:spec\.(minReplicaCount|maxReplicaCount|fallback\.replicas|triggers\.\d\.metadata\.query)$/,
    /^NetworkPolicy\/egress-dns-postgres-redis:spec\.egress\.1\.to\.0\.ipBlock\.cidr$/,
    /^ExternalSecret\/copilot-(app|db-admin):spec\.(dataFrom\.0\.extract\.key|data\.0\.remoteRef\.key)$/,
  ];

  function differences(a: unknown, b: unknown, path: string[] = []): string[] {
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      return [...keys].flatMap((k) =>
        differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, k]),
      );
    }
    return a === b ? [] : [path.join('.')];
  }
  // objects are matched by kind and name; the Namespace by kind alone
  const key = (o: K8sObject) => (o.kind === 'Namespace' ? 'Namespace/' : label(o));

  it('render the same objects, differing only in what must differ', () => {
    const staging = new Map(render('overlays/staging').map((o) => [key(o), o]));
    const production = new Map(render('overlays/production').map((o) => [key(o), o]));
    expect([...staging.keys()].sort()).toEqual([...production.keys()].sort());
    const drift = [...staging.entries()].flatMap(([k, o]) =>
      differences(o, production.get(k))
        .map((path) => `${label(o)}:${path}`)
        .filter((p) => !MAY_DIFFER.some((allowed) => allowed.test(p))),
    );
    expect(drift).toEqual([]);
  });
});

describe('deploy/k8s/components/worker-hpa-prometheus (the HPA alternative to KEDA)', () => {
  it('replaces the ScaledObject with a valid HPA on the same Deployment', () => {
    const rendered = renderWithComponents('production', ['worker-hpa-prometheus']);
    expect(rendered.filter((o) => o.kind === 'ScaledObject')).toEqual([]);
    const hpa = find(rendered, 'HorizontalPodAutoscaler', 'copilot-worker');
    expect(hpa.spec).toMatchObject({ scaleTargetRef: { name: 'copilot-worker' }, minReplicas: 2, maxReplicas: 20 });
    expect(schemaProblems(rendered)).toEqual([]);
  });
});

describe('deploy/k8s/base/secret.template.yaml', () => {
  const text = readFileSync(join(repoRoot, 'deploy/k8s/base/secret.template.yaml'), 'utf8');

  it('is two valid Secrets holding placeholders only', () => {
    const secrets = parseManifests(text);
    expect(secrets.map(label)).toEqual(['Secret/copilot-app', 'Secret/copilot-db-admin']);
    expect(schemaProblems(secrets)).toEqual([]);
    const values = secrets.flatMap((s) => Object.values(s.stringData as Record<string, string>));
    expect(values.filter((v) => v !== '' && !v.includes('CHANGE_ME'))).toEqual([]);
  });

  it('names only documented settings', () => {
    const keys = parseManifests(text).flatMap((s) => Object.keys(s.stringData as object));
    expect(keys.filter((k) => !DOCUMENTED_SETTINGS.has(k))).toEqual([]);
  });
});

describe('every rendered object (both overlays, the HPA component, the secret template)', () => {
  it('has no field its kind does not define (what kubeconform -strict checks), and a misspelt one is caught', () => {
    const all = [
      ...render('overlays/staging'),
      ...render('overlays/production'),
      ...renderWithComponents('production', ['worker-hpa-prometheus']),
      ...parseManifests(readFileSync(join(repoRoot, 'deploy/k8s/base/secret.template.yaml'), 'utf8')),
    ];
    const unique = [...new Map(all.map((o) => [JSON.stringify(o), o])).values()];
    // plus two deliberate typos, checked in the same (slow) compilation
    const typo = structuredClone(find(unique, 'Deployment', 'copilot-api'));
    (podTemplate(typo).spec.containers[0] as Record<string, unknown>).imagePullPolicyy = 'Always';
    typo.metadata.name = 'typo-deployment';
    const monitor = structuredClone(find(unique, 'ServiceMonitor', 'copilot-platform'));
    (monitor.spec as { endpoints: Record<string, unknown>[] }).endpoints[0].intervall = '30s';
    monitor.metadata.name = 'typo-monitor';
    expect(unknownFieldProblems([...unique, typo, monitor])).toEqual([
      {
        object: 'Deployment/typo-deployment',
        problem: expect.stringContaining('\'"imagePullPolicyy"\' does not exist'),
      },
      { object: 'ServiceMonitor/typo-monitor', problem: expect.stringContaining('\'"intervall"\' does not exist') },
    ]);
  }, 60_000);
});
