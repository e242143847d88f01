import type { Figure, TargetCheck } from './report';

export interface BenchmarkContext {
  /** `smoke`: seconds and tiny sizes, to prove the benchmark still runs (npm test). */
  size: { smoke: boolean };
}

export interface BenchmarkOutcome {
  parameters: Record<string, string | number>;
  figures: Figure[];
  targets: TargetCheck[];
  notes: string[];
  /** Failed operations during the run; a benchmark with errors measured something else. */
  errors: number;
}

export interface Benchmark {
  name: string;
  measures: string;
  baseline: string;
  run(context: BenchmarkContext): Promise<BenchmarkOutcome>;
}
