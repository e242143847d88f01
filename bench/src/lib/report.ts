import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MachineInfo } from './machine';

/** One figure of a benchmark, next to its baseline measured in the same run when there is one. */
export interface Figure {
  metric: string;
  unit: string;
  platform: number;
  baseline?: number;
  /** How the ratio reads: platform/baseline for throughput, baseline/platform would hide regressions. */
  ratio?: number;
}

export interface TargetCheck {
  target: string;
  observed: string;
  met: boolean;
}

export interface BenchmarkResult {
  name: string;
  measures: string;
  baseline: string;
  parameters: Record<string, string | number>;
  figures: Figure[];
  targets: TargetCheck[];
  notes: string[];
  errors: number;
  machine: MachineInfo;
  finishedAt: string;
  durationMs: number;
}

const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

export async function saveResult(root: string, result: BenchmarkResult): Promise<string> {
  const dir = join(root, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${result.name}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** Rewrites the generated part of docs/benchmarks.md from every saved result; the prose around it is kept. */
export async function renderDocument(root: string, order: readonly string[]): Promise<void> {
  const dir = join(root, 'bench', 'results');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json'));
  const results = await Promise.all(
    files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as BenchmarkResult),
  );
  results.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  const docPath = join(root, 'docs', 'benchmarks.md');
  const current = await readFile(docPath, 'utf8').catch(() => `# Benchmarks\n\n${START}\n${END}\n`);
  const [before, rest = ''] = current.split(START);
  const after = rest.includes(END) ? rest.slice(rest.indexOf(END) + END.length) : '\n';
  const generated = results.map(renderResult).join('\n');
  await mkdir(join(root, 'docs'), { recursive: true });
  await writeFile(docPath, `${before}${START}\n${generated}${END}${after}`);
}

export function renderResult(result: BenchmarkResult): string {
  const m = result.machine;
  const lines = [
    `### \`${result.name}\``,
    '',
    `Measures: ${result.measures}. Baseline: ${result.baseline}.`,
    '',
    `Run ${result.finishedAt} on ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}; ` +
      `parameters: ${Object.entries(result.parameters)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}.`,
    '',
    '| metric | platform | baseline | ratio |',
    '| --- | ---: | ---: | ---: |',
    ...result.figures.map(
      (f) =>
        `| ${f.metric} (${f.unit}) | ${format(f.platform)} | ${f.baseline == null ? '–' : format(f.baseline)} | ${
          f.ratio == null ? '–' : `${format(f.ratio)}×`
        } |`,
    ),
    '',
  ];
  if (result.targets.length > 0) {
    lines.push('| target | observed | met |', '| --- | --- | --- |');
    lines.push(...result.targets.map((t) => `| ${t.target} | ${t.observed} | ${t.met ? 'yes' : '**no**'} |`));
    lines.push('');
  }
  for (const note of result.notes) lines.push(`- ${note}`);
  if (result.notes.length > 0) lines.push('');
  return lines.join('\n');
}

/** Saved results hold `null` where a figure was NaN (JSON has no NaN): shown as a dash. */
export function format(value: number | null): string {
  if (value === null) return '–';
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
