import { z } from 'zod';
import { JOB_STATUSES, jobExample } from './chat.responses';

// Operators read the stored row: a parked job's action is its result there.
const withoutRequiredAction = ({ requiredAction: _, ...job }: typeof jobExample) => job;
import { component, count, EXAMPLE_IDS as IDS, EXAMPLE_TIME, jsonObject, page, text, time, uuid } from './schema-parts';

const adminJobExample = {
  ...withoutRequiredAction(jobExample),
  result: null,
  tenantId: IDS.tenant,
  queue: 'chat',
  status: 'failed',
  attempts: 3,
  reapCount: 0,
  payload: { jobId: IDS.job, tenantId: IDS.tenant, conversationId: IDS.conversation },
  error: { message: 'provider timed out' },
  requestId: 'req-5d1f0c',
  dispatchedAt: EXAMPLE_TIME,
  heartbeatAt: null,
  links: { self: `/v1/admin/jobs/${IDS.job}`, retry: `/v1/admin/jobs/${IDS.job}/retry` },
};
export const AdminJob = component(
  'AdminJob',
  z
    .object({
      id: uuid(),
      tenantId: uuid(),
      queue: text(100),
      type: text(100),
      status: z.enum(JOB_STATUSES),
      progress: count(100),
      attempts: count(),
      reapCount: count(),
      payload: jsonObject().describe('Exactly what was enqueued: ids, never content.'),
      result: jsonObject().nullable(),
      error: jsonObject().nullable(),
      requestId: text(255).nullable(),
      createdAt: time(),
      dispatchedAt: time().nullable(),
      startedAt: time().nullable(),
      heartbeatAt: time().nullable(),
      finishedAt: time().nullable(),
      links: z.object({ self: text(100), retry: text(100) }).strict(),
    })
    .strict()
    .meta({ example: adminJobExample }),
  'A job of any tenant, as platform operators see it.',
);
export const AdminJobPage = page('AdminJobPage', AdminJob, adminJobExample);

export const ScheduleList = component(
  'ScheduleList',
  z
    .object({
      data: z
        .array(
          z
            .object({
              name: text(100),
              queue: text(100).nullable().describe('Null for work the scheduler does in-process.'),
              everyMs: count().nullable(),
              pattern: text(100).nullable(),
              nextRunAt: time().nullable(),
              lastRun: z
                .object({ at: time(), outcome: z.enum(['completed', 'failed']), error: text(10_000).nullable() })
                .strict()
                .nullable(),
              registered: z.boolean(),
            })
            .strict(),
        )
        .max(100),
    })
    .strict()
    .meta({
      example: {
        data: [
          {
            name: 'usage-rollup',
            queue: 'maintenance',
            everyMs: 300000,
            pattern: null,
            nextRunAt: EXAMPLE_TIME,
            lastRun: { at: EXAMPLE_TIME, outcome: 'completed', error: null },
            registered: true,
          },
        ],
      },
    }),
  'Every recurring task with its interval, next run and last outcome.',
);
