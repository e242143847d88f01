// Dashboards, alert rules and the Prometheus/Grafana provisioning: consistent
// with each other, with the compose file and with the runbooks. (That every metric
// they read is really exported is checked against live apps in metrics.int-spec.ts.)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { find, parseManifests } from './validation/manifests';
import { dashboardFiles, metricNames, promqlUses, readAlertRules, readDashboard } from './validation/promql';
import { repoRoot } from './validation/tools';

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, { volumes?: string[]; environment?: Record<string, string>; profiles?: string[] }>;
};
const prometheus = parse(read('deploy/prometheus/prometheus.yml')) as {
  rule_files: string[];
  scrape_configs: { job_name: string; dns_sd_configs: { names: string[]; port: number }[] }[];
};
const JOBS = {
  'copilot-api': ['api', 8080],
  'copilot-worker': ['worker', 9464],
  'copilot-scheduler': ['scheduler', 9465],
};

describe('Grafana dashboards (deploy/grafana/dashboards)', () => {
  it('are the three overviews, as valid dashboard JSON with unique ids', () => {
    const dashboards = dashboardFiles().map(readDashboard);
    expect(dashboards.map((d) => d.uid).sort()).toEqual(['copilot-api', 'copilot-llm', 'copilot-queues']);
    for (const d of dashboards) {
      expect(d.title).toMatch(/^Copilot \/ /);
      const ids = d.panels.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(d.panels.length).toBeGreaterThanOrEqual(6);
    }
  });

  it('query the provisioned Prometheus datasource, every panel something', () => {
    const datasources = parse(read('deploy/grafana/provisioning/datasources/prometheus.yml')) as {
      datasources: { uid: string; url: string }[];
    };
    const [datasource] = datasources.datasources;
    expect(datasource.url).toBe('http://prometheus:9090');
    for (const file of dashboardFiles()) {
      for (const panel of readDashboard(file).panels) {
        expect([file, panel.title, panel.targets?.length]).toEqual([file, panel.title, expect.any(Number)]);
        for (const target of panel.targets!) {
          expect(target.datasource?.uid).toBe(datasource.uid);
          expect(metricNames(target.expr).length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('only name scrape jobs that exist', () => {
    const jobs = new Set(prometheus.scrape_configs.map((c) => c.job_name));
    const named = promqlUses().flatMap((u) => [...u.expr.matchAll(/job="([^"]+)"/g)].map((m) => `${u.where}: ${m[1]}`));
    expect(named.filter((n) => !jobs.has(n.split(': ').pop()!))).toEqual([]);
  });
});

describe('alert rules', () => {
  const rules = readAlertRules();

  it('are the same in deploy/prometheus/alerts.yml and the PrometheusRule', () => {
    const [rule] = parseManifests(read('deploy/k8s/base/prometheusrule.yaml'));
    expect(rule.spec).toEqual(rules);
    expect(find([rule], 'PrometheusRule', 'copilot-platform')).toBeDefined();
  });

  it('cover errors, latency, queue depth and age, failed jobs and stuck consumers', () => {
    const names = rules.groups.flatMap((g) => g.rules.map((r) => r.alert));
    expect(names).toEqual(
      expect.arrayContaining([
        'CopilotApiHighErrorRate',
        'CopilotApiHighLatency',
        'CopilotQueueBacklog',
        'CopilotQueueWaitTooLong',
        'CopilotJobsFailing',
        'CopilotFailedJobsPiling',
        'CopilotConsumersStuck',
      ]),
    );
  });

  it('each link a runbook section that exists in docs/operations.md', () => {
    const doc = read('docs/operations.md');
    const anchors = new Set(
      [...doc.matchAll(/^#{2,4} (.+)$/gm)].map((m) =>
        m[1]
          .toLowerCase()
          .replace(/[^\w\s-]/g, '')
          .trim()
          .replace(/\s+/g, '-'),
      ),
    );
    const broken = rules.groups
      .flatMap((g) => g.rules)
      .filter((r) => {
        const runbook = r.annotations?.runbook ?? '';
        return !runbook.startsWith('docs/operations.md#') || !anchors.has(runbook.split('#')[1]);
      })
      .map((r) => r.alert);
    expect(broken).toEqual([]);
  });
});

describe('Prometheus and Grafana in the compose observability profile', () => {
  it('scrape every api, worker and scheduler replica on its metrics port', () => {
    const scraped = Object.fromEntries(
      prometheus.scrape_configs.map((c) => [c.job_name, [c.dns_sd_configs[0].names[0], c.dns_sd_configs[0].port]]),
    );
    expect(scraped).toEqual(JOBS);
    for (const [service] of Object.values(JOBS)) expect(compose.services[service]).toBeDefined();
  });

  it('load the alert rules and the dashboards from the mounted deploy/ folders', () => {
    const mounts = (name: string) => compose.services[name].volumes ?? [];
    expect(mounts('prometheus')).toContain('./deploy/prometheus:/etc/prometheus:ro');
    expect(prometheus.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    expect(mounts('grafana')).toEqual(
      expect.arrayContaining([
        './deploy/grafana/provisioning:/etc/grafana/provisioning:ro',
        './deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro',
      ]),
    );
    const providers = parse(read('deploy/grafana/provisioning/dashboards/copilot.yml')) as {
      providers: { options: { path: string } }[];
    };
    expect(providers.providers[0].options.path).toBe('/var/lib/grafana/dashboards');
    expect(existsSync(join(repoRoot, 'deploy/prometheus/alerts.yml'))).toBe(true);
  });
});
