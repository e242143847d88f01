import { join } from 'node:path';
import { type ResourceLimits, Worker } from 'node:worker_threads';

/**
 * Starts `<name>.thread` from this directory in whatever way this process runs our
 * code. Compiled (scripts/build.cjs: dist/, npm start, the benchmarks), the thread's
 * .js sits next to this file. From source (scripts/run-ts.cjs, Jest), this file is
 * .ts, and neither @swc-node/register's hook nor Jest's transform reaches a worker
 * thread: the thread registers @swc-node/register itself, with the workspace's
 * tsconfig for the path aliases, before it requires the .ts entry.
 */
export function startThread(name: string, resourceLimits: ResourceLimits): Worker {
  const compiled = __filename.endsWith('.js');
  const entry = join(__dirname, `${name}.thread.${compiled ? 'js' : 'ts'}`);
  if (compiled) return new Worker(entry, { resourceLimits });
  const register = require.resolve('@swc-node/register');
  const project = join(__dirname, '..', '..', '..', '..', 'tsconfig.base.json');
  const bootstrap = [
    `process.env.SWC_NODE_PROJECT ??= ${JSON.stringify(project)};`,
    `require(${JSON.stringify(register)});`,
    `require(${JSON.stringify(entry)});`,
  ].join('\n');
  return new Worker(bootstrap, { eval: true, resourceLimits });
}
