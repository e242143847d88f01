import type { TenantSecretRepository, Tx } from '@copilot/persistence';
import type { TenantSecrets } from '@copilot/secrets';

interface WithSecret {
  id: string;
  secretName: string | null;
}

/**
 * A secret that belongs to one row (a tool's credential headers, an MCP server's
 * bearer token): sealed in the tenant's secrets under `<prefix>:<row id>`, the row
 * keeping only that name. Put, read, dropped and removed with its row.
 */
export class RowSecret<R extends WithSecret> {
  constructor(
    private readonly prefix: string,
    private readonly secrets: TenantSecrets,
    private readonly rows: TenantSecretRepository,
    /** Stores the secret's name (or null) on the row and returns the row. */
    private readonly setName: (tx: Tx, id: string, secretName: string | null) => Promise<R>,
  ) {}

  async seal(tx: Tx, tenantId: string, row: R, value: string): Promise<R> {
    const name = `${this.prefix}:${row.id}`;
    await this.secrets.put(tx, tenantId, name, value);
    return row.secretName === name ? row : this.setName(tx, row.id, name);
  }

  read(tx: Tx, tenantId: string, row: R): Promise<string | null> {
    return row.secretName ? this.secrets.get(tx, tenantId, row.secretName) : Promise.resolve(null);
  }

  /** The row stays, without its secret. */
  async drop(tx: Tx, tenantId: string, row: R): Promise<R> {
    if (!row.secretName) return row;
    await this.rows.delete(tx, tenantId, row.secretName);
    return this.setName(tx, row.id, null);
  }

  /** With its row: the secret goes too. */
  async remove(tx: Tx, tenantId: string, row: R): Promise<void> {
    if (row.secretName) await this.rows.delete(tx, tenantId, row.secretName);
  }
}
