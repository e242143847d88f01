// Finds the offline validation tools the deploy checks run: npm packages (in the
// workspace's node_modules, or a directory on NODE_PATH) and the kustomize binary.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..');

/** The directory of an installed npm package; fails naming what to install. */
export function packageDir(name: string): string {
  const roots = [join(repoRoot, 'node_modules'), ...(process.env.NODE_PATH ?? '').split(delimiter).filter(Boolean)];
  for (const root of roots) {
    const dir = join(root, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`npm package ${name} is missing: it is a devDependency of the workspace (npm ci)`);
}

/** `kustomize build <dir>`, with kustomize 5 or kubectl's built-in copy. */
export function kustomizeBuild(dir: string): string {
  const options = { cwd: repoRoot, encoding: 'utf8' as const, maxBuffer: 32 * 1024 * 1024 };
  for (const [command, args] of [
    ['kustomize', ['build', dir]],
    ['kubectl', ['kustomize', dir]],
  ] as const) {
    try {
      return execFileSync(command, [...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stderr?: string };
      if (e.code === 'ENOENT') continue;
      throw new Error(`${command} ${args.join(' ')} failed: ${e.stderr ?? e.message}`);
    }
  }
  throw new Error('neither kustomize nor kubectl is installed: run deploy/scripts/install-tools.sh');
}
