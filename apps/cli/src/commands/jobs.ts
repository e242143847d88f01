import type { Command } from 'commander';
import { JOB_STATUSES, presentAdminJob as presentJob } from '@copilot/persistence/presenters';
import type { CliContext } from '../cli-context';
import { CommandError } from '../cli-errors';
import { defineCommand } from '../command-kit';
import { fields, table } from '../output';
import { eventLines } from '../jobs/job-event-lines';
import { nextPageHint, pageOf, readPage, withPaging } from './paging';

export function registerJobCommands(program: Command, cli: CliContext): void {
  const jobs = async () => new (await import('../on-demand/persistence')).JobRepository();
  const findJob = async (id: string) => {
    const { parse, z } = await import('../values');
    const jobId = parse(z.uuid({ error: 'expected the job id (a UUID)' }), id, 'job id');
    const job = await (await jobs()).findById(await cli.owner(), jobId);
    if (!job) throw new CommandError(`no job ${id}; see jobs:list`);
    return job;
  };

  defineCommand(
    program,
    cli,
    {
      name: 'jobs:failed',
      description: 'Jobs whose retries are exhausted, newest first, and why they failed.',
      examples: ['jobs:failed', 'jobs:failed --tenant acme --limit 10 --json'],
    },
    (c) =>
      c
        .option('--tenant <tenant>', 'only this tenant (slug or id)')
        .option('--limit <n>', 'at most this many (default 50)'),
    async ({ options, out }) => {
      const failed = await (await cli.jobAdmin()).failedJobs(options as { tenant?: string; limit?: string });
      out.result(failed, (rows) =>
        table(
          rows,
          [
            ['ID', (j) => j.id],
            ['TYPE', (j) => j.type],
            ['ATTEMPTS', (j) => j.attempts],
            ['FINISHED', (j) => j.finishedAt],
            ['ERROR', (j) => j.error],
          ],
          'no failed jobs',
        ),
      );
    },
  );

  defineCommand(
    program,
    cli,
    {
      name: 'jobs:retry <job-id>',
      description:
        'Run a failed job again from its first attempt (same job id). It is enqueued at once; if Redis is unreachable, ' +
        "the scheduler's outbox relay enqueues it within seconds.",
      examples: ['jobs:retry 9b2d7e4a-1c3f-4a5b-8d6e-7f8091a2b3c4'],
    },
    (c) => c,
    async ({ args, out }) => {
      const retried = await (await cli.jobAdmin()).retryJob(args[0]);
      const { dispatchNow } = await import('../jobs/job-dispatch');
      const dispatched = await dispatchNow(await cli.owner(), await findJob(retried.id));
      out.result(retried, (r) => `job ${r.id} is ${r.status} again; dispatched ${dispatched}`);
    },
  );

  defineCommand(
    program,
    cli,
    {
      name: 'jobs:list',
      description: 'Jobs of every tenant (or one), newest first, narrowed by status and type.',
      examples: [
        'jobs:list --status running',
        'jobs:list --tenant acme --type document.ingest --limit 20',
        'jobs:list --status failed --json',
      ],
    },
    (c) =>
      withPaging(
        c
          .option('--tenant <tenant>', 'only this tenant (slug or id)')
          .option('--status <status>', `one of ${JOB_STATUSES.join(', ')}`)
          .option('--type <type>', 'a job type: chat.generate, document.ingest, webhook.deliver'),
      ),
    async ({ options, out }) => {
      const { parse, z } = await import('../values');
      const status = options.status
        ? parse(
            z.enum(JOB_STATUSES, { error: `expected one of ${JOB_STATUSES.join(', ')}` }),
            options.status,
            '--status',
          )
        : undefined;
      const tenant = options.tenant ? await cli.tenant(options.tenant as string) : undefined;
      const paging = await pageOf(options);
      const page = await readPage(async () =>
        (await jobs()).listForOperator(await cli.owner(), {
          tenantId: tenant?.id,
          status,
          name: options.type as string | undefined,
          ...paging,
        }),
      );
      const result = { data: page.data.map(presentJob), nextCursor: page.nextCursor };
      out.result(
        result,
        (r) =>
          table(
            r.data,
            [
              ['ID', (j) => j.id],
              ['TYPE', (j) => j.type],
              ['STATUS', (j) => j.status],
              ['ATTEMPTS', (j) => j.attempts],
              ['TENANT', (j) => j.tenantId],
              ['CREATED', (j) => j.createdAt],
              ['FINISHED', (j) => j.finishedAt],
            ],
            'no jobs',
          ) + nextPageHint(r.nextCursor),
      );
    },
  );

  defineCommand(
    program,
    cli,
    {
      name: 'jobs:show <job-id>',
      summary: 'One job: its row and its event stream.',
      description:
        'One job: its row (status, attempts, result or error, timing) and its event stream as GET /v1/jobs/:id/events ' +
        'serves it, while Redis retains it.',
      examples: [
        'jobs:show 9b2d7e4a-1c3f-4a5b-8d6e-7f8091a2b3c4',
        'jobs:show 9b2d7e4a-1c3f-4a5b-8d6e-7f8091a2b3c4 --json',
      ],
    },
    (c) => c,
    async ({ args, out }) => {
      const job = presentJob(await findJob(args[0]!));
      // The row is the source of truth; in an incident Redis may be the thing that is down.
      let redisDown = false;
      const events = await cli
        .redis()
        .then(async ({ client, prefix }) =>
          (await import('../jobs/job-event-log')).readJobEvents(client, prefix, job.id),
        )
        .catch(() => {
          redisDown = true;
          return null;
        });
      out.result({ job, events }, (r) =>
        [
          fields(r.job),
          '',
          redisDown
            ? 'events: Redis did not answer (REDIS_URL); the row above is the durable record'
            : r.events === null
              ? 'events: no longer retained (the stream expires some time after the job ends)'
              : `events (${r.events.length}):`,
          ...eventLines(r.events ?? []).map((line) => `  ${line}`),
        ].join('\n'),
      );
    },
  );

  defineCommand(
    program,
    cli,
    {
      name: 'jobs:replay <job-id>',
      description: [
        'Replay a finished job, as far as the platform allows:',
        '  failed           runs again from its first attempt, same job id (as jobs:retry);',
        '  document.ingest  (succeeded or cancelled) ingests its document again as a new job; its chunks are replaced;',
        '  chat.generate, webhook.deliver (succeeded or cancelled): their effect (a reply, a delivery) already',
        '                   happened and running them again would repeat it, so the recorded events are printed instead.',
        'A queued or running job has nothing to replay yet.',
      ].join('\n'),
      examples: [
        'jobs:replay 9b2d7e4a-1c3f-4a5b-8d6e-7f8091a2b3c4',
        'jobs:replay 9b2d7e4a-1c3f-4a5b-8d6e-7f8091a2b3c4 --json',
      ],
    },
    (c) => c,
    async ({ args, out }) => {
      const { replayJob } = await import('../jobs/job-replay');
      const replay = await replayJob(cli, await findJob(args[0]!));
      out.result(replay, (r) =>
        [r.summary, ...(r.events ? eventLines(r.events).map((line) => `  ${line}`) : [])].join('\n'),
      );
    },
  );
}
