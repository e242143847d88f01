import { makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';

export const JOB_WAIT_SECONDS = 'job_wait_seconds';
export const JOB_PROCESSING_SECONDS = 'job_processing_seconds';
export const JOBS_TOTAL = 'jobs_processed_total';
export const QUEUE_JOBS = 'queue_jobs';

const seconds = [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

export const queueMetricProviders = [
  makeHistogramProvider({
    name: JOB_WAIT_SECONDS,
    help: 'Time a job waited in its queue before a worker started it',
    labelNames: ['queue', 'name'],
    buckets: seconds,
  }),
  makeHistogramProvider({
    name: JOB_PROCESSING_SECONDS,
    help: 'Time a worker spent on one attempt of a job',
    labelNames: ['queue', 'name', 'outcome'],
    buckets: seconds,
  }),
  makeCounterProvider({
    name: JOBS_TOTAL,
    help: 'Job attempts finished, by outcome (completed, failed)',
    labelNames: ['queue', 'name', 'outcome'],
  }),
  makeGaugeProvider({
    name: QUEUE_JOBS,
    help: 'Jobs in each queue by state (read from Redis at scrape time)',
    labelNames: ['queue', 'state'],
  }),
];
