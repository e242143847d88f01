// Lints the Dockerfile offline (dockerfile-utils: the validator of the Dockerfile
// language server) and checks the image rules hadolint would not know about.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir, repoRoot } from './validation/tools';

const text = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
const APPS = { api: ['PORT', 8080], worker: ['WORKER_PORT', 9464], scheduler: ['SCHEDULER_PORT', 9465] } as const;

interface DockerfileUtils {
  validate(content: string): { message: string; range: { start: { line: number } } }[];
}
interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

/** Stages with their instructions (continuation lines joined, comments dropped). */
function stages(dockerfile: string): Stage[] {
  const lines = dockerfile.replace(/\\\n\s*/g, ' ').split('\n');
  const result: Stage[] = [];
  for (const line of lines) {
    const m = /^([A-Z]+)\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    const [, keyword, args] = m;
    if (keyword === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args)!;
      result.push({ name: name ?? from, from, instructions: [] });
    } else {
      result.at(-1)?.instructions.push({ keyword, args });
    }
  }
  return result;
}

/** The last value an instruction takes in a stage, following FROM <earlier stage>. */
function effective(all: Stage[], stageName: string, keyword: string): string | undefined {
  const stage = all.find((s) => s.name === stageName)!;
  const own = stage.instructions.filter((i) => i.keyword === keyword).at(-1);
  if (own) return own.args;
  return all.some((s) => s.name === stage.from) ? effective(all, stage.from, keyword) : undefined;
}

describe('Dockerfile', () => {
  const all = stages(text);

  it('has no problems the Dockerfile validator reports', () => {
    const { validate } = require(packageDir('dockerfile-utils')) as DockerfileUtils;
    expect(validate(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    // and it does report mistakes
    expect(validate('FROM node:24\nWORKDIR app\nEXPOSE http\n').length).toBeGreaterThanOrEqual(2);
  });

  it('builds from a pinned Node.js LTS image, never :latest', () => {
    const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(text)?.[1];
    expect(image).toMatch(/^node:(22|24)-[a-z]+-slim$/);
    const bases = all.map((s) => s.from).filter((f) => !all.some((s) => s.name === f));
    expect(new Set(bases)).toEqual(new Set(['${NODE_IMAGE}']));
  });

  it.each([...Object.keys(APPS), 'migrate'])('%s: a target that runs as a non-root uid', (target) => {
    expect(all.map((s) => s.name)).toContain(target);
    expect(effective(all, target, 'USER')).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
  });

  it.each(Object.entries(APPS))('%s: exposes and checks its port, and starts its own main', (app, [setting, port]) => {
    expect(effective(all, app, 'EXPOSE')).toBe(String(port));
    expect(effective(all, app, 'ENV')).toBe(`${setting}=${port}`);
    expect(effective(all, app, 'HEALTHCHECK')).toContain(`http://127.0.0.1:${port}/health`);
    const cmd = JSON.parse(effective(all, app, 'CMD')!) as string[];
    // the compiled main (scripts/build.cjs mirrors the sources under dist/)
    expect(cmd).toEqual([`dist/apps/${app}/src/main.js`]);
    expect(existsSync(join(repoRoot, `apps/${app}/src/main.ts`))).toBe(true);
    expect(JSON.parse(effective(all, app, 'ENTRYPOINT')!)).toEqual(['node']);
  });

  it('compiles the sources in the build stage, so runtime images run JavaScript', () => {
    const build = all.find((s) => s.name === 'build')!;
    expect(build.instructions.map((i) => `${i.keyword} ${i.args}`)).toContain('RUN node scripts/build.cjs');
  });

  it('stamps APP_VERSION, GIT_SHA and BUILD_DATE (served by /version) into every runtime image', () => {
    const runtime = all.find((s) => s.name === 'runtime')!;
    const args = runtime.instructions.filter((i) => i.keyword === 'ARG').map((i) => i.args.split('=')[0]);
    expect(args).toEqual(expect.arrayContaining(['APP_VERSION', 'GIT_SHA', 'BUILD_DATE']));
    const env = runtime.instructions
      .filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' ');
    for (const name of ['APP_VERSION', 'GIT_SHA', 'BUILD_DATE']) expect(env).toContain(`${name}=\${${name}}`);
  });

  it('bakes in no secret and no local state', () => {
    const settings = all.flatMap((s) => s.instructions.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG'));
    expect(settings.filter((i) => /(SECRET|PASSWORD|TOKEN|_KEY|DATABASE_URL|REDIS_URL)/.test(i.args))).toEqual([]);
    const ignored = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['.env', '.git', '**/node_modules']));
  });
});
