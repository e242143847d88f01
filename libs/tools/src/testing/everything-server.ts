import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A loopback port nothing listens on (just now). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The reference MCP server (@modelcontextprotocol/server-everything) in a child process,
 * over Streamable HTTP: a real third-party server's tools (echo, get-sum, ...). It keeps
 * its sessions in memory and answers an unknown one 400, not 404.
 */
export async function startEverythingServer(timeoutMs = 20_000): Promise<{ url: string; stop: () => void }> {
  const port = await freeLoopbackPort();
  const entry = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');
  const child = spawn(process.execPath, [entry, 'streamableHttp'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server-everything did not start')), timeoutMs);
    child.once('exit', (code) => reject(new Error(`server-everything exited (${code})`)));
    child.stderr.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('listening on port')) return;
      clearTimeout(timer);
      resolve();
    });
  });
  return { url: `http://127.0.0.1:${port}/mcp`, stop: () => void child.kill() };
}
