import { Controller, Delete, Get, Inject, type OnModuleDestroy, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AnyOfScopes, Auth, type AuthContext } from '@copilot/auth';
import { SETTINGS } from '@copilot/config';
import { ChatService, ConversationService, CopilotService, JobService } from '@copilot/conversations';
import { reportError } from '@copilot/observability';
import { SearchService } from '@copilot/retrieval';
import { toWebRequest } from '@modelcontextprotocol/node';
import { type AuthInfo, createMcpHandler, type McpHttpHandler } from '@modelcontextprotocol/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import type { ApiSettings } from '../api.settings';
import type { McpCaller } from './mcp-caller';
import { buildPlatformMcpServer } from './platform-mcp-server';

/**
 * POST /mcp: the tenant's platform as an MCP server (Streamable HTTP, stateless: the
 * SDK builds a server per request, answers JSON or SSE as the exchange needs, and GET
 * and DELETE, the session operations, 405). A Nest route rather than a raw Fastify one
 * so the api's guards authenticate it and rate-limit it like every other route; the
 * SDK then gets the verified caller, never the credential. No Origin/Host checks: the
 * SDK advises them against DNS rebinding, which needs an ambient credential (a cookie),
 * and this route takes only an explicit key or token.
 */
@ApiExcludeController()
@Controller('mcp')
export class McpController implements OnModuleDestroy {
  private readonly handler: McpHttpHandler;

  constructor(
    search: SearchService,
    copilots: CopilotService,
    conversations: ConversationService,
    chat: ChatService,
    jobs: JobService,
    private readonly logger: PinoLogger,
    @Inject(SETTINGS) settings: ApiSettings,
  ) {
    const services = { search, copilots, conversations, chat, jobs };
    this.handler = createMcpHandler(
      ({ authInfo }) => buildPlatformMcpServer(services, callerOf(authInfo), settings.core.version),
      // Requests the SDK refused (bad JSON-RPC, unknown protocol version): the client's mistake, not ours.
      { onerror: (error) => this.logger.debug({ err: error }, 'mcp request refused') },
    );
  }

  @Post()
  @AnyOfScopes('chat:read', 'documents:read')
  post(@Auth() auth: AuthContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.serve(auth, request, reply);
  }

  // The SDK answers these 405 (no sessions to open or end); routed so they are authenticated like POST.
  @Get()
  @AnyOfScopes('chat:read', 'documents:read')
  get(@Auth() auth: AuthContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.serve(auth, request, reply);
  }

  @Delete()
  @AnyOfScopes('chat:read', 'documents:read')
  remove(@Auth() auth: AuthContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.serve(auth, request, reply);
  }

  async onModuleDestroy(): Promise<void> {
    await this.handler.close();
  }

  private async serve(auth: AuthContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const requestId = String(request.id);
    const caller: McpCaller = {
      auth,
      requestId,
      onUnexpected: (error) => {
        this.logger.error({ err: error }, 'mcp tool failed');
        reportError(error, { request_id: requestId, tenant_id: auth.tenantId });
      },
    };
    // A client that hangs up aborts the exchange (and a tool waiting for a reply stops waiting).
    const hangUp = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) hangUp.abort();
    });
    // Fastify has parsed (and depth-checked) the JSON body already: the SDK gets it as parsedBody.
    const webRequest = await toWebRequest(request.raw, request.body, { signal: hangUp.signal });
    const response = await this.handler.fetch(webRequest, { authInfo: authInfoOf(caller), parsedBody: request.body });
    // Fastify writes a web Response (status, headers, streamed body) itself, after the headers set so far.
    void reply.send(response);
  }
}

/**
 * The SDK's AuthInfo is only the carrier of the caller to the per-request server
 * factory: the guard has verified the credential, so the secret itself stays out.
 */
const authInfoOf = (caller: McpCaller): AuthInfo => ({
  token: '',
  clientId: `${caller.auth.principalType}:${caller.auth.principalId}`,
  scopes: [...caller.auth.scopes],
  extra: { caller },
});

function callerOf(authInfo: AuthInfo | undefined): McpCaller {
  const caller = authInfo?.extra?.['caller'] as McpCaller | undefined;
  // Every request reaches the handler through serve(), which always sets it.
  if (!caller) throw new Error('MCP request without the caller the controller attaches');
  return caller;
}
