import { Injectable } from '@nestjs/common';
import type { PrismaClient, Tenant } from '../generated/prisma/client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Platform administration only: these methods need a connection that may see
 * every tenant (the owner's, used by the admin CLI), not the apps' RLS-bound role.
 */
@Injectable()
export class TenantRepository {
  create(admin: PrismaClient, input: { slug: string; name: string }): Promise<Tenant> {
    return admin.tenant.create({ data: input });
  }

  /** Finds a tenant by its slug or its id. */
  findByRef(admin: PrismaClient, ref: string): Promise<Tenant | null> {
    return admin.tenant.findFirst({ where: UUID.test(ref) ? { OR: [{ id: ref }, { slug: ref }] } : { slug: ref } });
  }
}
