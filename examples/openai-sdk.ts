// The official `openai` SDK against the platform's OpenAI-compatible api (/openai/v1).
//   COPILOT_API_URL=http://127.0.0.1:3000 COPILOT_API_KEY=cp_... node scripts/run-ts.cjs examples/openai-sdk.ts
// COPILOT_MODEL picks the model: a copilot's name or id, provider/model, or `local` (the default here).
// See docs/openai-compatibility.md.
import OpenAI from 'openai';

async function main(): Promise<void> {
  const openai = new OpenAI({
    baseURL: `${required('COPILOT_API_URL').replace(/\/+$/, '')}/openai/v1`,
    apiKey: required('COPILOT_API_KEY'),
  });
  const model = process.env.COPILOT_MODEL ?? 'local';

  const completion = await openai.chat.completions.create({
    model,
    messages: [{ role: 'user', content: 'Say hello in five words.' }],
  });
  console.log(`completion: ${completion.choices[0]?.message.content}`);

  const stream = await openai.chat.completions.create({
    model,
    messages: [{ role: 'user', content: 'Tell me a joke.' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  process.stdout.write('stream: ');
  for await (const chunk of stream) {
    process.stdout.write(chunk.choices[0]?.delta.content ?? '');
    if (chunk.usage)
      process.stdout.write(`\nusage: ${chunk.usage.prompt_tokens} in, ${chunk.usage.completion_tokens} out\n`);
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
}

main().catch((error: unknown) => {
  // The SDK's errors carry the api's status and problem body.
  console.error(error instanceof OpenAI.APIError ? `${error.status} ${error.message}` : error);
  process.exit(1);
});
