import { Injectable } from '@nestjs/common';
import type { Collection } from '../generated/prisma/client';
import { NEWEST_FIRST, olderThan, type Page, toPage } from '../lib/cursor';
import type { Tx } from '../lib/tenant-transaction';

export interface CollectionFields {
  name: string;
  description: string;
  embeddingModel: string;
  embeddingDimensions: number;
  /** A Postgres text search configuration (TEXT_SEARCH_LANGUAGES). */
  language?: string;
}

@Injectable()
export class CollectionRepository {
  create(tx: Tx, tenantId: string, fields: CollectionFields): Promise<Collection> {
    return tx.collection.create({ data: { tenantId, ...fields } });
  }

  findById(tx: Tx, id: string): Promise<Collection | null> {
    return tx.collection.findUnique({ where: { id } });
  }

  /** Names are not unique: every match, so a caller can tell an ambiguous name apart. */
  findByName(tx: Tx, name: string): Promise<Collection[]> {
    return tx.collection.findMany({ where: { name }, orderBy: NEWEST_FIRST });
  }

  findMany(tx: Tx, ids: string[]): Promise<Collection[]> {
    return tx.collection.findMany({ where: { id: { in: ids } } });
  }

  all(tx: Tx): Promise<Collection[]> {
    return tx.collection.findMany({ orderBy: NEWEST_FIRST });
  }

  async list(tx: Tx, page: { limit: number; cursor?: string }): Promise<Page<Collection>> {
    const rows = await tx.collection.findMany({
      where: olderThan(page.cursor),
      orderBy: NEWEST_FIRST,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit);
  }

  async update(
    tx: Tx,
    id: string,
    fields: Partial<Pick<CollectionFields, 'name' | 'description' | 'language'>>,
  ): Promise<Collection | null> {
    const updated = await tx.collection.updateMany({ where: { id }, data: fields });
    return updated.count === 0 ? null : this.findById(tx, id);
  }

  /** Its documents and chunks go with it. */
  async delete(tx: Tx, id: string): Promise<boolean> {
    return (await tx.collection.deleteMany({ where: { id } })).count === 1;
  }
}
