import { AppProcess, cli, freePort, waitFor } from '@copilot/testing';

/** The api, worker and scheduler as processes on free ports, and a tenant with an admin key made by the CLI. */
export interface Stack {
  /** The api's base URL. */
  api: string;
  /** The worker's probe server (/ready, /metrics). */
  workerUrl: string;
  worker: AppProcess;
  key: string;
  stop(): Promise<void>;
}

export async function startStack(tenant: string, env: Record<string, string> = {}): Promise<Stack> {
  const [apiPort, workerPort, schedulerPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const processEnv = {
    ...process.env,
    APP_ENV: 'test',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    WORKER_PORT: String(workerPort),
    SCHEDULER_PORT: String(schedulerPort),
    ...env,
  };
  const api = `http://127.0.0.1:${apiPort}`;
  const workerUrl = `http://127.0.0.1:${workerPort}`;
  await cli(processEnv, 'tenant:create', tenant);
  const key = String((await cli(processEnv, 'key:create', '--tenant', tenant, '--scopes', 'admin')).key);
  const worker = new AppProcess('worker', 'apps/worker/src/main.ts', processEnv);
  const apps = [
    new AppProcess('api', 'apps/api/src/main.ts', processEnv),
    worker,
    new AppProcess('scheduler', 'apps/scheduler/src/main.ts', processEnv),
  ];
  const stop = async () => void (await Promise.all(apps.map((app) => app.stop())));
  try {
    await Promise.all([waitFor(`${api}/ready`), waitFor(`${workerUrl}/ready`)]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { api, workerUrl, worker, key, stop };
}
