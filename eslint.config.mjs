import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/node_modules', '**/dist', '**/generated', '.nx', 'tmp', '**/*.cjs', '**/*.mjs'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      // Apps are thin and libs are layered: type (app > composition > domain > infra > util) and
      // scope (an app's own code is never imported by another app).
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:composition', 'type:domain', 'type:infra', 'type:util'],
            },
            // libs/platform: how the apps compose the libs (PlatformModule, productModules).
            { sourceTag: 'type:composition', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:util'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:util'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:infra', 'type:util'] },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:testing', 'type:domain', 'type:infra', 'type:util'],
            },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
            { sourceTag: 'scope:worker', onlyDependOnLibsWithTags: ['scope:worker', 'scope:shared'] },
            { sourceTag: 'scope:scheduler', onlyDependOnLibsWithTags: ['scope:scheduler', 'scope:shared'] },
            { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:cli', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // Libs on the api's request path (auth, usage, llm) need Redis, not the job
            // machinery: they take connections from @copilot/redis.
            { sourceTag: 'layer:request', notDependOnLibsWithTags: ['lib:queues'] },
            // The provider adapters (llm) are handed their keys (ProviderKeySource); where
            // keys are stored is the key store's (@copilot/secrets), bound by the composition.
            { sourceTag: 'layer:adapters', notDependOnLibsWithTags: ['lib:secrets'] },
          ],
        },
      ],
      // `!` marks lookups the surrounding code has just guaranteed; TypeScript cannot see it.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The domain libs say what went wrong in domain terms; HTTP statuses are the edge's.
    files: ['libs/{conversations,retrieval,webhooks,maintenance,llm,usage,tools}/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@copilot/http',
              message:
                "Domain libs throw domain errors (@copilot/errors); problem+json is the HTTP edge's (libs/http).",
            },
            {
              name: '@nestjs/common',
              importNames: [
                'HttpException',
                'BadRequestException',
                'UnauthorizedException',
                'ForbiddenException',
                'NotFoundException',
                'ConflictException',
                'GoneException',
                'PayloadTooLargeException',
                'UnprocessableEntityException',
                'InternalServerErrorException',
                'ServiceUnavailableException',
                'HttpStatus',
              ],
              message:
                'Throw a domain error from @copilot/errors; the HTTP layer maps it (libs/http domain-problems.ts).',
            },
          ],
        },
      ],
    },
  },
];
