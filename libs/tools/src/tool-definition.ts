import { EgressError, parseOutboundUrl } from '@copilot/egress';
import { type InvalidField, InvalidInput } from '@copilot/errors';
import { isBuiltinTool } from './builtin-tools';
import { parametersProblem } from './tool-arguments';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** How the platform calls an `http` tool. `{name}` in the URL template is an argument, URL-encoded. */
export interface HttpToolConfig {
  method: HttpMethod;
  urlTemplate: string;
  /** Sent on every call; not secret (credentials go in `credentials`, sealed). */
  headers: Record<string, string>;
  /** Arguments sent in the query string although the method has a body (imported operations). */
  query?: string[];
  /** The argument whose value is the whole JSON body (an imported body that is not an object). */
  bodyArgument?: string;
  /** Where it came from, when it was imported (an OpenAPI operation). */
  source?: { openapi: { operationId: string; path: string } };
}

export interface ToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  kind: 'http' | 'client';
  http: HttpToolConfig | null;
  idempotent: boolean;
  timeoutMs: number;
}

/** Headers sealed with the tenant's secrets (Authorization, API keys): never returned, never logged. */
export interface ToolCredentials {
  headers: Record<string, string>;
}

const PLACEHOLDER = /\{([a-zA-Z0-9_]+)\}/g;

/** The argument names a URL template fills in. */
export function templateNames(urlTemplate: string): string[] {
  return [...urlTemplate.matchAll(PLACEHOLDER)].map(([, name]) => name!);
}

/**
 * Checks what the domain alone can tell about a tool (the request schema checked the
 * shapes): a name no builtin has, parameters that are a JSON Schema object, and an http
 * tool's URL template that is an http(s) URL whose placeholders are parameters.
 */
export function assertValidDefinition(tool: ToolDefinition, field = 'body'): void {
  const problems: InvalidField[] = [];
  if (isBuiltinTool(tool.name)) {
    problems.push({ field: `${field}.name`, message: `${tool.name} is a builtin tool's name; choose another` });
  }
  const schemaProblem = parametersProblem(tool.parameters);
  if (schemaProblem) problems.push({ field: `${field}.parameters`, message: schemaProblem });
  if (tool.kind === 'http') {
    if (!tool.http) {
      problems.push({ field: `${field}.http`, message: 'expected method and urlTemplate for an http tool' });
    } else {
      problems.push(...urlTemplateProblems(tool.http.urlTemplate, tool.parameters, `${field}.http.urlTemplate`));
    }
  } else if (tool.http) {
    problems.push({ field: `${field}.http`, message: 'only http tools have an http config' });
  }
  if (problems.length) throw new InvalidInput(problems);
}

function urlTemplateProblems(template: string, parameters: Record<string, unknown>, field: string): InvalidField[] {
  const properties = Object.keys((parameters['properties'] as Record<string, unknown> | undefined) ?? {});
  const missing = templateNames(template).filter((name) => !properties.includes(name));
  if (missing.length) {
    return [{ field, message: `placeholders ${missing.map((m) => `{${m}}`).join(', ')} are not parameters` }];
  }
  // Arguments fill the path and query; where the call goes is the tool's, not the model's.
  const authority = template.replace(/^[a-z]+:\/\//i, '').split(/[/?#]/)[0] ?? '';
  if (/[{}]/.test(authority)) return [{ field, message: 'the host cannot be a placeholder' }];
  try {
    parseOutboundUrl(template.replace(PLACEHOLDER, 'x'));
    return [];
  } catch (error) {
    return [{ field, message: error instanceof EgressError ? error.message : 'not a valid URL template' }];
  }
}
