// The metric names a PromQL expression reads, and where the operations files use PromQL.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './tools';

// PromQL words that look like identifiers but are not metrics
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
]);

/** Metric names in an expression; histogram series (_bucket, _sum, _count) by their family name. */
export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // label values
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '') // label lists
    .replace(/\[[^\]]*\]/g, '') // ranges and subqueries
    .replace(/\$__\w+/g, '');
  const names = [...stripped.matchAll(/(?<![\w:.])([a-zA-Z_:][\w:]*)(?![\w:])(?!\s*\()/g)]
    .map((m) => m[1])
    .filter((name) => !KEYWORDS.has(name));
  return [...new Set(names)];
}

/** The family a series name belongs to: `x_bucket` -> `x` when x is a histogram. */
export function family(series: string, histograms: Set<string>): string {
  const base = series.replace(/_(bucket|sum|count)$/, '');
  return histograms.has(base) ? base : series;
}

export interface PromqlUse {
  where: string;
  expr: string;
}

const DASHBOARDS = join(repoRoot, 'deploy/grafana/dashboards');
export const dashboardFiles = () => readdirSync(DASHBOARDS).filter((f) => f.endsWith('.json'));

export interface Dashboard {
  uid: string;
  title: string;
  panels: { id: number; title: string; targets?: { expr: string; datasource?: { uid: string } }[] }[];
}
export const readDashboard = (file: string) => JSON.parse(readFileSync(join(DASHBOARDS, file), 'utf8')) as Dashboard;

export interface RuleGroups {
  groups: { name: string; rules: { alert: string; expr: string; annotations?: Record<string, string> }[] }[];
}
export const readAlertRules = () =>
  parse(readFileSync(join(repoRoot, 'deploy/prometheus/alerts.yml'), 'utf8')) as RuleGroups;

/** Every PromQL expression of the dashboards and the alert rules. */
export function promqlUses(): PromqlUse[] {
  const fromDashboards = dashboardFiles().flatMap((file) =>
    readDashboard(file).panels.flatMap((p) =>
      (p.targets ?? []).map((t) => ({ where: `${file}: ${p.title}`, expr: t.expr })),
    ),
  );
  const fromAlerts = readAlertRules().groups.flatMap((g) =>
    g.rules.map((r) => ({ where: `alerts.yml: ${r.alert}`, expr: r.expr })),
  );
  return [...fromDashboards, ...fromAlerts];
}
