#!/usr/bin/env node
// Runs a TypeScript entry point in place: SWC transpiles on load (with decorator
// metadata, which NestJS DI needs and esbuild-based runners drop) and resolves
// the workspace's path aliases from tsconfig.base.json.
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
const entry = process.argv[2];
if (!entry) {
  console.error('usage: run-ts <entry.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 1); // the entry becomes argv[1], as if run directly
require(path.resolve(entry));
