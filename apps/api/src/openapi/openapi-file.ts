import 'reflect-metadata';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { stringify } from 'yaml';
import { loadApiSettings } from '../api.settings';
import { AppModule } from '../app.module';
import { setApiPrefix } from '../configure-api';
import { buildOpenApiDocument } from './openapi-document';

/** Where the committed contract lives. */
export const OPENAPI_FILE = join(__dirname, '..', '..', 'openapi.yaml');

/**
 * The document as the running api would serve it, without starting it: Nest's preview
 * mode builds the module graph (controllers, routes, metadata) and instantiates nothing,
 * so no database, Redis or port is needed.
 */
export async function renderOpenApiYaml(): Promise<string> {
  const app = await NestFactory.create(AppModule.forRoot(loadApiSettings()), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  try {
    setApiPrefix(app);
    const header = '# Generated from apps/api by `npm run openapi`: do not edit by hand.\n';
    return header + stringify(buildOpenApiDocument(app), { lineWidth: 0, aliasDuplicateObjects: false });
  } finally {
    await app.close();
  }
}
