// Uploads a text document to a new collection, waits until it is indexed, then searches it.
//   COPILOT_API_URL=http://127.0.0.1:3000 COPILOT_API_KEY=cp_... node scripts/run-ts.cjs examples/ingest-and-search.ts
// The key needs the documents:read and documents:write scopes. The collection is deleted at the end.
import { createCopilotClient, CopilotApiError } from '@copilot-platform/client';

const HANDBOOK = `# Refunds

Refunds are paid back to the original card within 5 business days of the approval.
Orders older than 90 days cannot be refunded, but store credit is offered instead.

# Shipping

Standard shipping takes 3 to 7 days. Express orders placed before noon leave the warehouse the same day.`;

async function main(): Promise<void> {
  const client = createCopilotClient({ baseUrl: required('COPILOT_API_URL'), apiKey: required('COPILOT_API_KEY') });

  const { data: collection } = await client.POST('/v1/collections', {
    body: { name: `example-handbook-${Date.now()}`, description: 'Created by examples/ingest-and-search.ts' },
  });
  try {
    const { data: accepted } = await client.POST('/v1/collections/{id}/documents', {
      params: { path: { id: collection.id } },
      body: { title: 'Customer handbook', text: HANDBOOK },
    });
    console.log(`document ${accepted.document.id}: ${accepted.document.stage}`);

    // The ingest job reports its stages as events; it ends with `done` (indexed) or `error`.
    if (accepted.job) {
      for await (const event of client.streamJob(accepted.job.id)) {
        if (event.type === 'status')
          console.log(`  ${event.data.stage} ${Math.round((event.data.progress ?? 0) * 100)}%`);
        if (event.type === 'error') throw new Error(`ingest failed: ${event.data.reason}: ${event.data.message}`);
        if (event.type === 'done') console.log(`  indexed, ${event.data.chunks} chunks`);
      }
    }

    const { data: results } = await client.POST('/v1/search', {
      body: { query: 'how long do refunds take', collectionIds: [collection.id], topK: 3 },
    });
    console.log(`${results.mode} search:`);
    for (const hit of results.data) {
      console.log(`  ${hit.score.toFixed(3)} ${hit.headingPath.join(' > ') || hit.title}: ${hit.text.slice(0, 80)}`);
    }
  } finally {
    await client.DELETE('/v1/collections/{id}', { params: { path: { id: collection.id } } });
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
}

main().catch((error: unknown) => {
  if (error instanceof CopilotApiError)
    console.error(`${error.status} ${error.title}: ${error.detail ?? ''}`, error.errors);
  else console.error(error);
  process.exit(1);
});
