import { Pool } from 'undici';

/** A keep-alive client for one base URL, cheaper per request than fetch so the load generator is not the bottleneck. */
export class HttpClient {
  private readonly pool: Pool;

  constructor(
    baseUrl: string,
    private readonly apiKey: string,
    connections: number,
  ) {
    this.pool = new Pool(baseUrl, { connections, pipelining: 1 });
  }

  async json<T>(method: 'GET' | 'POST', path: string, body?: unknown, expected = [200, 201, 202]): Promise<T> {
    const response = await this.pool.request({
      method,
      path,
      headers: { 'x-api-key': this.apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    if (!expected.includes(response.statusCode)) {
      throw new Error(`${method} ${path} answered ${response.statusCode}: ${text.slice(0, 200)}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
