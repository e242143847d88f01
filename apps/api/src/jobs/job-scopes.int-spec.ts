import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions } from 'fastify';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

// A documents-only integration (documents:read and documents:write, no chat scope)
// uploads a document and follows the ingest job it got back.
describe('reading jobs by what they do', () => {
  let app: NestFastifyApplication;
  let a: Awaited<ReturnType<typeof createTenantWithKeys>>;
  let b: Awaited<ReturnType<typeof createTenantWithKeys>>;
  let ingestJobId: string;
  let chatJobId: string;

  const as = (key: string, options: InjectOptions) =>
    app.inject({ ...options, headers: { ...options.headers, 'x-api-key': key } } as InjectOptions);

  beforeAll(async () => {
    a = await createTenantWithKeys('jobs-a', {
      docs: { scopes: ['documents:read', 'documents:write'] },
      chat: { scopes: ['chat:read', 'chat:write'] },
      admin: { scopes: ['admin'] },
    });
    b = await createTenantWithKeys('jobs-b', { docs: { scopes: ['documents:read', 'documents:write'] } });
    ({ app } = await startApi());
    const collection = (
      await as(a.keys.docs!, { method: 'POST', url: '/v1/collections', payload: { name: 'kb' } })
    ).json();
    const added = await as(a.keys.docs!, {
      method: 'POST',
      url: `/v1/collections/${collection.id}/documents`,
      payload: { title: 'Policy', text: 'Refunds take five days.' },
    });
    ingestJobId = added.json().job.id;
    // No worker runs here: ended, the job's stream is a single final event.
    await as(a.keys.admin!, { method: 'POST', url: `/v1/jobs/${ingestJobId}/cancel` });
    const conversation = (await as(a.keys.chat!, { method: 'POST', url: '/v1/conversations', payload: {} })).json();
    const posted = await as(a.keys.chat!, {
      method: 'POST',
      url: `/v1/conversations/${conversation.id}/messages`,
      payload: { content: 'private question' },
    });
    chatJobId = posted.json().job.id;
  }, 30_000);
  afterAll(() => app.close());

  it('lets a documents:read key follow its own ingest job, as JSON and as events', async () => {
    const job = await as(a.keys.docs!, { method: 'GET', url: `/v1/jobs/${ingestJobId}` });
    expect(job.statusCode).toBe(200);
    expect(job.json()).toMatchObject({ id: ingestJobId, type: 'document.ingest' });
    const events = await as(a.keys.docs!, { method: 'GET', url: `/v1/jobs/${ingestJobId}/events` });
    expect(events.statusCode).toBe(200);
    expect(events.body).toContain('event: done');
  });

  it('still refuses it a chat job (403 naming chat:read), and shows nothing of it', async () => {
    for (const url of [`/v1/jobs/${chatJobId}`, `/v1/jobs/${chatJobId}/events`]) {
      const response = await as(a.keys.docs!, { method: 'GET', url });
      expect(response.statusCode).toBe(403);
      expect(response.json().detail).toContain('chat:read');
      expect(response.body).not.toContain('private question');
    }
    expect((await as(a.keys.chat!, { method: 'GET', url: `/v1/jobs/${chatJobId}` })).statusCode).toBe(200);
  });

  it("gives another tenant's documents key a 404 for the ingest job", async () => {
    expect((await as(b.keys.docs!, { method: 'GET', url: `/v1/jobs/${ingestJobId}` })).statusCode).toBe(404);
  });
});
