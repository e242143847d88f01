import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './processes';

/**
 * The layering rules are lint rules: an import that breaks one must fail lint. Each
 * case lints a probe file placed in a real project, as if a developer wrote it.
 */
describe('module boundaries', () => {
  // The rule reads Nx's cached project graph (tags included): make sure it is current.
  beforeAll(() => {
    spawnSync(process.execPath, [join(ROOT, 'node_modules/nx/bin/nx.js'), 'show', 'projects'], { cwd: ROOT });
  }, 120_000);

  // ESLint in its own process, as `npm run lint` runs it (its config is an ES module).
  const boundaryErrors = async (filePath: string, code: string) => {
    const lint = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', filePath, '--format', 'json'],
      { cwd: ROOT, input: code, encoding: 'utf8' },
    );
    const [result] = JSON.parse(lint.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
    return result!.messages
      .filter((m) => m.ruleId === '@nx/enforce-module-boundaries' || m.ruleId === 'no-restricted-imports')
      .map((m) => m.message);
  };

  it('refuses @copilot/queues in a lib on the request path (auth, usage, llm)', async () => {
    for (const lib of ['auth', 'usage', 'llm']) {
      const errors = await boundaryErrors(
        `libs/${lib}/src/boundary-probe.ts`,
        "import { JobProducer } from '@copilot/queues';\nexport const probe = JobProducer;\n",
      );
      expect(errors).toEqual([expect.stringContaining('lib:queues')]);
    }
  }, 60_000);

  it('refuses the tenant key store in the provider adapters (llm): keys are handed to them', async () => {
    const errors = await boundaryErrors(
      'libs/llm/src/boundary-probe.ts',
      "import { ProviderKeys } from '@copilot/secrets';\nexport const probe = ProviderKeys;\n",
    );
    expect(errors).toEqual([expect.stringContaining('lib:secrets')]);
  }, 60_000);

  // Every infra lib is (indirectly) imported by a domain lib, so a probe there would be a
  // cycle first; the test helpers are a layer below the domain that nothing imports.
  it('refuses a domain lib in a lower layer (the test helpers, type:testing)', async () => {
    const errors = await boundaryErrors(
      'libs/testing/src/boundary-probe.ts',
      "import { WebhookDeliveryService } from '@copilot/webhooks';\nexport const probe = WebhookDeliveryService;\n",
    );
    expect(errors).toEqual([expect.stringContaining('"type:testing" can only depend on libs tagged with')]);
  }, 60_000);

  it('lets a request-path lib take its connections from @copilot/redis', async () => {
    const errors = await boundaryErrors(
      'libs/usage/src/boundary-probe.ts',
      "import { RedisConnections } from '@copilot/redis';\nexport const probe = RedisConnections;\n",
    );
    expect(errors).toEqual([]);
  }, 60_000);

  it('refuses @copilot/http and Nest HTTP exceptions in a domain lib: domain errors instead', async () => {
    const http = await boundaryErrors(
      'libs/webhooks/src/boundary-probe.ts',
      "import { Problem } from '@copilot/http';\nexport const probe = Problem;\n",
    );
    expect(http).toEqual([expect.stringContaining('@copilot/errors')]);
    const nest = await boundaryErrors(
      'libs/retrieval/src/boundary-probe.ts',
      "import { NotFoundException } from '@nestjs/common';\nexport const probe = NotFoundException;\n",
    );
    expect(nest).toEqual([expect.stringContaining('@copilot/errors')]);
    const domain = await boundaryErrors(
      'libs/retrieval/src/boundary-probe.ts',
      "import { NotFound } from '@copilot/errors';\nexport const probe = NotFound;\n",
    );
    expect(domain).toEqual([]);
  }, 60_000);
});
