import { UnauthorizedException } from '@nestjs/common';
import type { JwtVerifier } from '../jwt-verifier';

/**
 * Asserts that `verifier` refuses `token` with exactly `message`, and that the error's response body
 * quotes neither the token (any of its parts) nor any of `secrets`.
 */
export async function expectRejected(
  verifier: JwtVerifier,
  token: string,
  message: string,
  secrets: readonly string[] = [],
): Promise<void> {
  const error: unknown = await verifier.verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnauthorizedException);
  const body = JSON.stringify((error as UnauthorizedException).getResponse());
  expect((error as UnauthorizedException).message).toBe(message);
  for (const part of [...token.split('.').filter((p) => p.length > 8), ...secrets]) expect(body).not.toContain(part);
}
