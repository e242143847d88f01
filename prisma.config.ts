// Prisma CLI configuration (generate, migrate deploy). The CLI does not load .env
// by itself; migrations run as the schema owner, never as the apps' role.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env.DATABASE_ADMIN_URL ?? 'postgresql://copilot_owner:copilot_owner@127.0.0.1:5432/copilot',
  },
});
