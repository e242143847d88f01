// Creates a conversation and streams the reply to a message to stdout.
//   COPILOT_API_URL=http://127.0.0.1:3000 COPILOT_API_KEY=cp_... node scripts/run-ts.cjs examples/chat.ts "Your question"
import { createCopilotClient, CopilotApiError } from '@copilot-platform/client';

async function main(): Promise<void> {
  const client = createCopilotClient({ baseUrl: required('COPILOT_API_URL'), apiKey: required('COPILOT_API_KEY') });
  const question = process.argv[2] ?? 'Hello! What can you do?';

  const { data: conversation } = await client.POST('/v1/conversations', { body: { title: 'Example chat' } });
  console.error(`conversation ${conversation.id}`);

  // The stream survives dropped connections: it resumes from the last event it saw.
  for await (const event of client.streamReply(conversation.id, question)) {
    switch (event.type) {
      case 'token':
        process.stdout.write(event.data.text);
        break;
      case 'citation':
        console.error(`[${event.data.index}] ${event.data.title}`);
        break;
      case 'status':
        // Another provider took over mid-reply: what was printed so far is void.
        if (event.data.status === 'restarted') process.stdout.write('\n[restarted]\n');
        break;
      case 'done':
        process.stdout.write('\n');
        console.error(`done: ${event.data.status}, message ${event.data.messageId ?? '(none)'}`);
        break;
      case 'error':
        throw new Error(`the reply failed: ${event.data.reason}: ${event.data.message}`);
    }
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
}

main().catch((error: unknown) => {
  // A problem from the api carries its status, title, detail and the invalid fields.
  if (error instanceof CopilotApiError)
    console.error(`${error.status} ${error.title}: ${error.detail ?? ''}`, error.errors);
  else console.error(error);
  process.exit(1);
});
