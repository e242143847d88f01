import { z } from 'zod';

export const port = z.coerce.number().int().min(1).max(65535);
export const positiveInt = z.coerce.number().int().positive();
export const nonEmpty = z.string().min(1);

export const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgresql:// connection URL');
export const redisUrl = z.string().regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL');
