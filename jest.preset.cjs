// Shared Jest settings for every project. SWC transforms our TypeScript (with
// decorator metadata) and also NestJS 12's ESM files, which Jest's require()
// cannot load as they are.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const aliases = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[/\\^$.*+?()[\]{}|-]/g, '\\$&')}$`,
    path.join(__dirname, target),
  ]),
);

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // Other ESM-only packages: `cookie` (Fastify's inject), `jose` (jwks-rsa), `marked` and
  // `pdf-parse`'s PDF.js worker (retrieval), `content-disposition` (@fastify/static, the queue dashboard).
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|nestjs-pino|cookie|jose|marked|pdf-parse|content-disposition)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  // Prisma 7's generated client imports './x.js' from TypeScript sources.
  moduleNameMapper: { ...aliases, '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['**/?(*.)+(spec|int-spec).ts'],
  reporters: ['default', path.join(__dirname, 'scripts/jest-summary-reporter.cjs')],
};
