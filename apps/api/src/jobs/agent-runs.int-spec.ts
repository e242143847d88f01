import { randomUUID } from 'node:crypto';
import { adminDatabaseConfig, loadSettings } from '@copilot/config';
import { createPrismaClient } from '@copilot/persistence';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions } from 'fastify';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

// The routes of a parked agent run, as a client calls them: its steps, approvals and
// client tool outputs, who may call them, and what is refused (changing nothing).
describe('agent run routes', () => {
  let app: NestFastifyApplication;
  let a: Awaited<ReturnType<typeof createTenantWithKeys>>;
  let b: Awaited<ReturnType<typeof createTenantWithKeys>>;
  const admin = createPrismaClient(loadSettings('cli', [adminDatabaseConfig] as const).adminDatabase);
  const as = (key: string, options: InjectOptions) =>
    app.inject({ ...options, headers: { ...options.headers, 'x-api-key': key } } as InjectOptions);

  beforeAll(async () => {
    a = await createTenantWithKeys('agent-routes-a', {
      chat: { scopes: ['chat:read', 'chat:write'] },
      reader: { scopes: ['chat:read'] },
      docs: { scopes: ['documents:read'] },
      admin: { scopes: ['admin'] },
    });
    b = await createTenantWithKeys('agent-routes-b', { chat: { scopes: ['chat:read', 'chat:write'] } });
    ({ app } = await startApi());
  }, 30_000);
  afterAll(async () => {
    await app.close();
    await admin.$disconnect();
  });

  /** A chat job parked on one call waiting for approval and one client tool waiting for output. */
  async function parkedJob(expiresAt = new Date(Date.now() + 3_600_000)) {
    const id = randomUUID();
    const action = {
      type: 'approve_tool_calls',
      toolCalls: [
        { id: 'call_a', name: 'refund', arguments: '{"amount":5}' },
        { id: 'call_c', name: 'pick_date', arguments: '{}' },
      ],
      expiresAt: expiresAt.toISOString(),
    };
    await admin.job.create({
      data: {
        id,
        tenantId: a.tenantId,
        queue: 'chat',
        name: 'chat.generate',
        status: 'requires_action',
        payload: { jobId: id, tenantId: a.tenantId, conversationId: randomUUID(), messageId: randomUUID() },
        result: action,
        dispatchedAt: new Date(),
      },
    });
    const step = { tenantId: a.tenantId, jobId: id };
    await admin.runStep.createMany({
      data: [
        {
          ...step,
          seq: 0,
          kind: 'model',
          status: 'succeeded',
          output: { text: '', toolCalls: [], finishReason: 'tool_calls' },
        },
        {
          ...step,
          seq: 1,
          kind: 'tool',
          status: 'awaiting_approval',
          toolCallId: 'call_a',
          toolName: 'refund',
          toolKind: 'http',
          arguments: '{"amount":5}',
          argumentsDigest: 'x',
        },
        {
          ...step,
          seq: 2,
          kind: 'tool',
          status: 'awaiting_output',
          toolCallId: 'call_c',
          toolName: 'pick_date',
          toolKind: 'client',
          arguments: '{}',
          argumentsDigest: 'y',
        },
      ],
    });
    return id;
  }

  it('shows the parked job with what it waits for, and its steps in order', async () => {
    const id = await parkedJob();
    const job = (await as(a.keys.reader!, { method: 'GET', url: `/v1/jobs/${id}` })).json();
    expect(job).toMatchObject({
      status: 'requires_action',
      result: null,
      requiredAction: { type: 'approve_tool_calls' },
    });
    const steps = await as(a.keys.reader!, { method: 'GET', url: `/v1/jobs/${id}/steps` });
    expect(steps.statusCode).toBe(200);
    expect(steps.json().data.map((s: { kind: string; status: string }) => [s.kind, s.status])).toEqual([
      ['model', 'succeeded'],
      ['tool', 'awaiting_approval'],
      ['tool', 'awaiting_output'],
    ]);
    expect((await as(a.keys.docs!, { method: 'GET', url: `/v1/jobs/${id}/steps` })).statusCode).toBe(403);
    expect((await as(b.keys.chat!, { method: 'GET', url: `/v1/jobs/${id}/steps` })).statusCode).toBe(404);
  });

  it('takes decisions and outputs, then queues the run again once nothing is left waiting', async () => {
    const id = await parkedJob();
    const decided = await as(a.keys.chat!, {
      method: 'POST',
      url: `/v1/jobs/${id}/approvals`,
      payload: { decisions: [{ toolCallId: 'call_a', approve: true }] },
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().status).toBe('requires_action');
    const handedIn = await as(a.keys.chat!, {
      method: 'POST',
      url: `/v1/jobs/${id}/tool-outputs`,
      payload: { outputs: [{ toolCallId: 'call_c', output: '2026-12-24' }] },
    });
    expect(handedIn.statusCode).toBe(200);
    expect(handedIn.json()).toMatchObject({ status: 'queued', requiredAction: null });
    const row = await admin.job.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe('queued');
    const actions = await admin.auditEvent.findMany({ where: { tenantId: a.tenantId, targetId: id } });
    expect(actions.map((e) => e.action).sort()).toEqual(['job.tool_calls_decided', 'job.tool_outputs_submitted']);
  });

  it('refuses what cannot be done, naming why, and changes nothing', async () => {
    const id = await parkedJob();
    const post = (key: string, path: string, payload: unknown) =>
      as(key, { method: 'POST', url: `/v1/jobs/${id}/${path}`, payload: payload as object });

    const unknown = await post(a.keys.chat!, 'approvals', { decisions: [{ toolCallId: 'call_zzz', approve: true }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'body.decisions.0.toolCallId' })]);
    const wrongKind = await post(a.keys.chat!, 'tool-outputs', { outputs: [{ toolCallId: 'call_a', output: 'x' }] });
    expect(wrongKind.statusCode).toBe(400);
    expect((await post(a.keys.chat!, 'approvals', { decisions: [] })).statusCode).toBe(400);
    expect(
      (await post(a.keys.reader!, 'approvals', { decisions: [{ toolCallId: 'call_a', approve: true }] })).statusCode,
    ).toBe(403);
    expect(
      (await post(b.keys.chat!, 'approvals', { decisions: [{ toolCallId: 'call_a', approve: true }] })).statusCode,
    ).toBe(404);
    const steps = await admin.runStep.findMany({ where: { jobId: id }, orderBy: { seq: 'asc' } });
    expect(steps.map((s) => [s.status, s.decision])).toEqual([
      ['succeeded', null],
      ['awaiting_approval', null],
      ['awaiting_output', null],
    ]);

    const expired = await parkedJob(new Date(Date.now() - 1000));
    const late = await as(a.keys.chat!, {
      method: 'POST',
      url: `/v1/jobs/${expired}/approvals`,
      payload: { decisions: [{ toolCallId: 'call_a', approve: true }] },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toContain('action-expired');

    const done = randomUUID();
    await admin.job.create({
      data: { id: done, tenantId: a.tenantId, queue: 'chat', name: 'chat.generate', status: 'succeeded', payload: {} },
    });
    const notWaiting = await as(a.keys.chat!, {
      method: 'POST',
      url: `/v1/jobs/${done}/approvals`,
      payload: { decisions: [{ toolCallId: 'call_a', approve: true }] },
    });
    expect(notWaiting.statusCode).toBe(409);
    expect(notWaiting.json()).toMatchObject({ jobStatus: 'succeeded' });
  });

  it('emits job.requires_action to webhooks when a run parks, with what it waits for', async () => {
    const webhook = await as(a.keys.admin!, {
      method: 'POST',
      url: '/v1/webhooks',
      payload: { url: 'https://93.184.216.34/hook', events: ['job.requires_action'] },
    });
    expect(webhook.statusCode).toBe(201);
    const id = randomUUID();
    await admin.job.create({
      data: { id, tenantId: a.tenantId, queue: 'chat', name: 'chat.generate', status: 'running', payload: {} },
    });
    const action = { type: 'submit_tool_outputs', toolCalls: [{ id: 'call_c', name: 'pick_date', arguments: '{}' }] };
    await admin.job.update({ where: { id }, data: { status: 'requires_action', result: action } });
    const delivery = await admin.webhookDelivery.findFirstOrThrow({
      where: { tenantId: a.tenantId, webhookId: webhook.json().id },
    });
    expect(delivery.eventType).toBe('job.requires_action');
    expect(delivery.payload).toMatchObject({
      type: 'job.requires_action',
      data: { job: { id, status: 'requires_action', result: null, requiredAction: action, finishedAt: null } },
    });
  });
});
