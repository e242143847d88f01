import type { Client, FetchResponse, MaybeOptionalInit } from 'openapi-fetch';
import type { HttpMethod, MediaType, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import type { paths } from './generated/schema';

// openapi-fetch's method signatures, narrowed to the success branch: the client throws
// CopilotApiError for every error status, so a call that returns has `data`.
type InitParam<Init> =
  RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

type Success<Response> = Extract<Response, { error?: never }>;

export type SuccessMethod<Method extends HttpMethod> = <
  Path extends PathsWithMethod<paths, Method>,
  Init extends MaybeOptionalInit<paths[Path], Method>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<
  // `infer ... extends` restates the constraint openapi-fetch checks on an operation.
  paths[Path][Method] extends infer Operation extends Record<string | number, unknown>
    ? Success<FetchResponse<Operation, Init, MediaType>>
    : never
>;

/**
 * The typed openapi-fetch client for the /v1 api, whose calls throw CopilotApiError instead
 * of returning `error`. (The api has no HEAD, OPTIONS or TRACE routes; `request()` is left
 * out because its generic signature cannot be narrowed the same way.)
 */
export type ApiClient = Omit<
  Client<paths>,
  'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS' | 'TRACE' | 'request'
> & {
  GET: SuccessMethod<'get'>;
  PUT: SuccessMethod<'put'>;
  POST: SuccessMethod<'post'>;
  DELETE: SuccessMethod<'delete'>;
  PATCH: SuccessMethod<'patch'>;
};
