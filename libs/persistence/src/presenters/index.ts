import type { Collection, Copilot } from '../generated/prisma/client';

// The public shape of records that more than one front door shows: the api answers
// with it and the CLI prints it (--json), so the two cannot drift apart. Type-only
// imports: the CLI loads this at start-up without loading the database client.

export const presentCopilot = (c: Copilot) => ({
  id: c.id,
  name: c.name,
  instructions: c.instructions,
  model: c.model,
  temperature: c.temperature,
  maxTokens: c.maxTokens,
  fallbackModels: c.fallbackModels,
  collectionIds: c.collectionIds,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

export const presentCollection = (c: Collection) => ({
  id: c.id,
  name: c.name,
  description: c.description,
  embeddingModel: c.embeddingModel,
  embeddingDimensions: c.embeddingDimensions,
  language: c.language,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});
