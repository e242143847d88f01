// Generated from apps/api/openapi.yaml by `npm run client:generate` (openapi-typescript): do not edit by hand.

export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness: the process answers
     * @description Never checks dependencies.
     */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prometheus metrics
     * @description HTTP, LLM, queue and process metrics in the Prometheus text format.
     */
    get: operations['getMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness: the database and Redis answer
     * @description 503 until every dependency answers.
     */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List jobs of every tenant, newest first
     * @description Filter by status and tenant.
     *
     *     Requires an API key with the `platform:admin` scope.
     */
    get: operations['adminListJobs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/jobs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get any tenant's job
     * @description Requires an API key with the `platform:admin` scope.
     */
    get: operations['adminGetJob'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/jobs/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Queue a failed job again from its first attempt
     * @description Requires an API key with the `platform:admin` scope.
     */
    post: operations['adminRetryJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/schedules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the recurring tasks: interval, next run, last outcome
     * @description Requires an API key with the `platform:admin` scope.
     */
    get: operations['adminListSchedules'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the API keys of the tenant, newest first
     * @description Secrets are never shown again.
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    get: operations['listApiKeys'];
    put?: never;
    /**
     * Create an API key
     * @description The secret is in this response only. A key never outlives the credential that creates it: created with an expiring key, it expires at the latest with that key; created with a JWT, within `JWT_KEY_MAX_LIFETIME_DAYS` (90 days by default). Without `expiresAt` it gets that latest expiry; a later one is a 400 naming `body.expiresAt`.
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    post: operations['createApiKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke an API key
     * @description It stops working at once.
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    delete: operations['revokeApiKey'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys/{id}/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate an API key
     * @description A successor with the same name, scopes and limit; the old key keeps working for the grace period.
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    post: operations['rotateApiKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the audit trail of the tenant, newest first
     * @description Requires the scope `admin` (`admin` grants every tenant scope).
     */
    get: operations['listAuditEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/collections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List collections, newest first
     * @description Requires the scope `documents:read` (`admin` grants every tenant scope).
     */
    get: operations['listCollections'];
    put?: never;
    /**
     * Create a collection (knowledge base)
     * @description An `openai/<model>` embedding model needs an OpenAI key (the tenant's, `PUT /v1/provider-keys/openai`, or the platform's); without one the request is a 400 naming `body.embeddingModel`.
     *
     *     Requires the scope `documents:write` (`admin` grants every tenant scope).
     */
    post: operations['createCollection'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/collections/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a collection
     * @description Requires the scope `documents:read` (`admin` grants every tenant scope).
     */
    get: operations['getCollection'];
    put?: never;
    post?: never;
    /**
     * Delete a collection with its documents
     * @description Requires the scope `documents:write` (`admin` grants every tenant scope).
     */
    delete: operations['deleteCollection'];
    options?: never;
    head?: never;
    /**
     * Change some fields of a collection
     * @description An `openai/<model>` embedding model needs an OpenAI key (the tenant's, `PUT /v1/provider-keys/openai`, or the platform's); without one the request is a 400 naming `body.embeddingModel`.
     *
     *     Requires the scope `documents:write` (`admin` grants every tenant scope).
     */
    patch: operations['updateCollection'];
    trace?: never;
  };
  '/v1/collections/{id}/documents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the documents of a collection, newest first
     * @description Requires the scope `documents:read` (`admin` grants every tenant scope).
     */
    get: operations['listDocuments'];
    put?: never;
    /**
     * Add a document: a file, text, or a URL to fetch
     * @description Answers 202 with the document and its ingest job (`Location: /v1/jobs/{id}`); 200 with `duplicate: true` and no job when the same content is already in the collection.
     *
     *     Requires the scope `documents:write` (`admin` grants every tenant scope).
     */
    post: operations['addDocument'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/conversations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List conversations, newest first
     * @description Requires the scope `chat:read` (`admin` grants every tenant scope).
     */
    get: operations['listConversations'];
    put?: never;
    /**
     * Start a conversation
     * @description Optionally with a copilot whose instructions, model and collections it uses.
     *
     *     Requires the scope `chat:write` (`admin` grants every tenant scope).
     */
    post: operations['createConversation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/conversations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a conversation
     * @description Requires the scope `chat:read` (`admin` grants every tenant scope).
     */
    get: operations['getConversation'];
    put?: never;
    post?: never;
    /**
     * Delete a conversation
     * @description With its messages, its reply jobs and their event streams; audited. Refused with 409 while a reply is queued or running: cancel that job first (POST /v1/jobs/{id}/cancel), then delete again.
     *
     *     Requires the scope `chat:write` (`admin` grants every tenant scope).
     */
    delete: operations['deleteConversation'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/conversations/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the messages of a conversation, oldest first
     * @description Requires the scope `chat:read` (`admin` grants every tenant scope).
     */
    get: operations['listMessages'];
    put?: never;
    /**
     * Send a user message; the reply is generated by a job
     * @description Answers 202 with the stored message and the generation job (`Location: /v1/jobs/{id}`). With `Accept: text/event-stream` the same call answers 200 and streams: first a `message` event with the same body, then the job's events. A repeated `Idempotency-Key` (within 24 h) answers the first response (`Idempotent-Replayed: true`) and creates nothing; repeated with another conversation or body, it is a 422.
     *
     *     Requires the scope `chat:write` (`admin` grants every tenant scope).
     */
    post: operations['postMessage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/copilots': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List copilots, newest first
     * @description Requires the scope `chat:read` (`admin` grants every tenant scope).
     */
    get: operations['listCopilots'];
    put?: never;
    /**
     * Create a copilot
     * @description Requires the scope `admin` (`admin` grants every tenant scope).
     */
    post: operations['createCopilot'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/copilots/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a copilot
     * @description Requires the scope `chat:read` (`admin` grants every tenant scope).
     */
    get: operations['getCopilot'];
    put?: never;
    post?: never;
    /**
     * Delete a copilot
     * @description Its conversations stay, without a copilot.
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    delete: operations['deleteCopilot'];
    options?: never;
    head?: never;
    /**
     * Change some fields of a copilot
     * @description Requires the scope `admin` (`admin` grants every tenant scope).
     */
    patch: operations['updateCopilot'];
    trace?: never;
  };
  '/v1/documents/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a document: ingest stage, progress and error
     * @description Requires the scope `documents:read` (`admin` grants every tenant scope).
     */
    get: operations['getDocument'];
    put?: never;
    post?: never;
    /**
     * Delete a document and its chunks
     * @description Requires the scope `documents:write` (`admin` grants every tenant scope).
     */
    delete: operations['deleteDocument'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/documents/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Ingest a failed (or re-ingest an indexed) document again
     * @description Requires the scope `documents:write` (`admin` grants every tenant scope).
     */
    post: operations['retryDocument'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a job: status, progress, result or error
     * @description A `document.ingest` job takes `documents:read`; every other job takes `chat:read`.
     *
     *     Requires one of the scopes `chat:read`, `documents:read`, as the resource needs (`admin` grants every tenant scope).
     */
    get: operations['getJob'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}/approvals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve or reject tool calls a run waits for
     * @description Each decision is taken once, for the call exactly as the model made it. A rejected call is reported to the model as rejected (with the reason). When no call is left waiting, the run continues.
     *
     *     Requires the scope `chat:write` (`admin` grants every tenant scope).
     */
    post: operations['approveToolCalls'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel a job
     * @description A queued job is cancelled at once; a running one is aborted (its stream ends with `done`, status cancelled).
     *
     *     Requires the scope `chat:write` (`admin` grants every tenant scope).
     */
    post: operations['cancelJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Follow a job as Server-Sent Events
     * @description Event types: `status`, `token`, `citation`, `usage`, then `done` or `error`. Several clients may watch one job; a client arriving after the end still gets the whole stream while it is retained (then one `done` or `error` event saying how the job ended). A `document.ingest` job takes `documents:read`; every other job takes `chat:read`.
     *
     *     Requires one of the scopes `chat:read`, `documents:read`, as the resource needs (`admin` grants every tenant scope).
     */
    get: operations['streamJobEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}/steps': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List an agent run's steps
     * @description Every model step and tool call, in order. Empty for other jobs.
     *
     *     Requires one of the scopes `chat:read`, `documents:read`, as the resource needs (`admin` grants every tenant scope).
     */
    get: operations['listJobSteps'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}/tool-outputs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Hand in the outputs of client tools a run waits for
     * @description The output is what the model reads (size-capped). When no call is left waiting, the run continues.
     *
     *     Requires the scope `chat:write` (`admin` grants every tenant scope).
     */
    post: operations['submitToolOutputs'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/mcp-servers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List MCP servers, newest first
     * @description Requires the scope `chat:read` (`admin` grants every tenant scope).
     */
    get: operations['listMcpServers'];
    put?: never;
    /**
     * Register an MCP server
     * @description The server (Streamable HTTP, reached through the egress policy) must answer: its tools are listed now and kept. Copilots then list them as `<name>__<tool>`.
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    post: operations['createMcpServer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/mcp-servers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get an MCP server
     * @description Requires the scope `chat:read` (`admin` grants every tenant scope).
     */
    get: operations['getMcpServer'];
    put?: never;
    post?: never;
    /**
     * Delete an MCP server
     * @description Refused (409) while a copilot lists one of its tools.
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    delete: operations['deleteMcpServer'];
    options?: never;
    head?: never;
    /**
     * Change some fields of an MCP server
     * @description `bearerToken: null` removes the stored token. A new `url` or `bearerToken` is taken only if the server answers with it (its tools are listed again).
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    patch: operations['updateMcpServer'];
    trace?: never;
  };
  '/v1/mcp-servers/{id}/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * List an MCP server's tools again
     * @description Servers that announce changes (`notifications/tools/list_changed`) are followed while the worker is connected; this lists them now.
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    post: operations['refreshMcpServer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/provider-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List which providers have a key of this tenant
     * @description Requires the scope `admin` (`admin` grants every tenant scope).
     */
    get: operations['listProviderKeys'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/provider-keys/{provider}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Store the tenant's own key for a provider
     * @description Stored encrypted and used instead of the platform's key; never shown again. A `baseUrl` must be a public address (or one the operator admits in EGRESS_ALLOWED_HOSTS): every call to it goes through the egress policy. With `models` (the vendor's names, `gpt-4o-mini` or `openai/gpt-4o-mini`), the key is used only for those models; the others keep the platform's key or fall back along the copilot's chain.
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    put: operations['putProviderKey'];
    post?: never;
    /**
     * Remove the tenant's key for a provider
     * @description The platform's key (if any) is used again.
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    delete: operations['deleteProviderKey'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Search collections: hybrid, vector or keyword
     * @description Without `collectionIds`, every collection of the tenant is searched.
     *
     *     Requires the scope `documents:read` (`admin` grants every tenant scope).
     */
    post: operations['search'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tools': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List tools, newest first
     * @description Requires the scope `chat:read` (`admin` grants every tenant scope).
     */
    get: operations['listTools'];
    put?: never;
    /**
     * Define a tool
     * @description An `http` tool is called by the platform (every request and redirect through the egress policy); a `client` tool is run by the caller, which the run waits for. The arguments a model writes are checked against `parameters` before anything runs.
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    post: operations['createTool'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tools/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a tool
     * @description Requires the scope `chat:read` (`admin` grants every tenant scope).
     */
    get: operations['getTool'];
    put?: never;
    post?: never;
    /**
     * Delete a tool
     * @description Refused (409) while a copilot lists it.
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    delete: operations['deleteTool'];
    options?: never;
    head?: never;
    /**
     * Change some fields of a tool
     * @description `credentials: null` removes the stored credentials.
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    patch: operations['updateTool'];
    trace?: never;
  };
  '/v1/tools/import-openapi': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Import tools from an OpenAPI document
     * @description One http tool per operation (its operationId as the name; path and query parameters and the JSON body as arguments). All or nothing: a name the tenant has refuses the whole import.
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    post: operations['importOpenApiTools'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/usage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Requests and tokens by model or UTC day
     * @description Over [from, to), at most a year; default: the last 30 days.
     *
     *     Requires the scope `chat:read` (`admin` grants every tenant scope).
     */
    get: operations['getUsage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List webhooks, newest first
     * @description Requires the scope `admin` (`admin` grants every tenant scope).
     */
    get: operations['listWebhooks'];
    put?: never;
    /**
     * Create a webhook
     * @description The signing secret is in this response only.
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    post: operations['createWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a webhook
     * @description Requires the scope `admin` (`admin` grants every tenant scope).
     */
    get: operations['getWebhook'];
    put?: never;
    post?: never;
    /**
     * Delete a webhook and its delivery log
     * @description Requires the scope `admin` (`admin` grants every tenant scope).
     */
    delete: operations['deleteWebhook'];
    options?: never;
    head?: never;
    /**
     * Change some fields of a webhook
     * @description Requires the scope `admin` (`admin` grants every tenant scope).
     */
    patch: operations['updateWebhook'];
    trace?: never;
  };
  '/v1/webhooks/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the deliveries of a webhook, newest first
     * @description Requires the scope `admin` (`admin` grants every tenant scope).
     */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a delivery's event again
     * @description A new delivery of the same event (same `webhook-id`).
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    post: operations['redeliverWebhookDelivery'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}/rotate-secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Give a webhook a new signing secret
     * @description The new secret is in this response only.
     *
     *     Requires the scope `admin` (`admin` grants every tenant scope).
     */
    post: operations['rotateWebhookSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/version': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Build information
     * @description Version, git SHA and build date of the running api.
     */
    get: operations['getVersion'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /**
     * @example {
     *       "id": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *       "type": "chat.generate",
     *       "status": "failed",
     *       "progress": 0,
     *       "attempts": 3,
     *       "result": null,
     *       "error": {
     *         "message": "provider timed out"
     *       },
     *       "createdAt": "2026-11-22T09:30:00.000Z",
     *       "startedAt": null,
     *       "finishedAt": null,
     *       "links": {
     *         "self": "/v1/admin/jobs/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *         "retry": "/v1/admin/jobs/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33/retry"
     *       },
     *       "tenantId": "6f1c1c52-0d4e-4b8a-9a51-0d8d3cf8f0a1",
     *       "queue": "chat",
     *       "reapCount": 0,
     *       "payload": {
     *         "jobId": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *         "tenantId": "6f1c1c52-0d4e-4b8a-9a51-0d8d3cf8f0a1",
     *         "conversationId": "0b8f3c2e-5a7d-4e0c-8a8e-2f5b9e6d1c11"
     *       },
     *       "requestId": "req-5d1f0c",
     *       "dispatchedAt": "2026-11-22T09:30:00.000Z",
     *       "heartbeatAt": null
     *     }
     */
    AdminJob: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      tenantId: string;
      queue: string;
      type: string;
      /** @enum {string} */
      status: 'queued' | 'running' | 'requires_action' | 'succeeded' | 'failed' | 'cancelled';
      /** Format: int32 */
      progress: number;
      /** Format: int32 */
      attempts: number;
      /** Format: int32 */
      reapCount: number;
      /** @description Exactly what was enqueued: ids, never content. */
      payload: {
        [key: string]: unknown;
      };
      result: {
        [key: string]: unknown;
      } | null;
      error: {
        [key: string]: unknown;
      } | null;
      requestId: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      dispatchedAt: string | null;
      /** Format: date-time */
      startedAt: string | null;
      /** Format: date-time */
      heartbeatAt: string | null;
      /** Format: date-time */
      finishedAt: string | null;
      links: {
        self: string;
        retry: string;
      };
    };
    /**
     * @example {
     *       "data": [
     *         {
     *           "id": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *           "type": "chat.generate",
     *           "status": "failed",
     *           "progress": 0,
     *           "attempts": 3,
     *           "result": null,
     *           "error": {
     *             "message": "provider timed out"
     *           },
     *           "createdAt": "2026-11-22T09:30:00.000Z",
     *           "startedAt": null,
     *           "finishedAt": null,
     *           "links": {
     *             "self": "/v1/admin/jobs/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *             "retry": "/v1/admin/jobs/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33/retry"
     *           },
     *           "tenantId": "6f1c1c52-0d4e-4b8a-9a51-0d8d3cf8f0a1",
     *           "queue": "chat",
     *           "reapCount": 0,
     *           "payload": {
     *             "jobId": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *             "tenantId": "6f1c1c52-0d4e-4b8a-9a51-0d8d3cf8f0a1",
     *             "conversationId": "0b8f3c2e-5a7d-4e0c-8a8e-2f5b9e6d1c11"
     *           },
     *           "requestId": "req-5d1f0c",
     *           "dispatchedAt": "2026-11-22T09:30:00.000Z",
     *           "heartbeatAt": null
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    AdminJobPage: {
      data: components['schemas']['AdminJob'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /**
     * @example {
     *       "id": "2f3e4d5c-6b7a-4988-8a7b-6c5d4e3f2a88",
     *       "name": "support widget",
     *       "prefix": "cp_4kq9",
     *       "scopes": [
     *         "chat:read",
     *         "chat:write"
     *       ],
     *       "rateLimit": null,
     *       "createdAt": "2026-11-22T09:30:00.000Z",
     *       "expiresAt": null,
     *       "revokedAt": null,
     *       "lastUsedAt": null,
     *       "replacedById": null
     *     }
     */
    ApiKey: {
      /** Format: uuid */
      id: string;
      name: string;
      /** @description The first characters of the key, to tell keys apart. */
      prefix: string;
      scopes: ('chat:read' | 'chat:write' | 'documents:read' | 'documents:write' | 'admin' | 'platform:admin')[];
      /**
       * Format: int32
       * @description Requests per rate-limit window; null: the platform default.
       */
      rateLimit: number | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      expiresAt: string | null;
      /** Format: date-time */
      revokedAt: string | null;
      /** Format: date-time */
      lastUsedAt: string | null;
      /**
       * Format: uuid
       * @description The key that replaced this one by rotation.
       */
      replacedById: string | null;
    };
    /**
     * @example {
     *       "data": [
     *         {
     *           "id": "2f3e4d5c-6b7a-4988-8a7b-6c5d4e3f2a88",
     *           "name": "support widget",
     *           "prefix": "cp_4kq9",
     *           "scopes": [
     *             "chat:read",
     *             "chat:write"
     *           ],
     *           "rateLimit": null,
     *           "createdAt": "2026-11-22T09:30:00.000Z",
     *           "expiresAt": null,
     *           "revokedAt": null,
     *           "lastUsedAt": null,
     *           "replacedById": null
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    ApiKeyPage: {
      data: components['schemas']['ApiKey'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /**
     * @example {
     *       "id": "2f3e4d5c-6b7a-4988-8a7b-6c5d4e3f2a88",
     *       "name": "support widget",
     *       "prefix": "cp_4kq9",
     *       "scopes": [
     *         "chat:read",
     *         "chat:write"
     *       ],
     *       "rateLimit": null,
     *       "createdAt": "2026-11-22T09:30:00.000Z",
     *       "expiresAt": null,
     *       "revokedAt": null,
     *       "lastUsedAt": null,
     *       "replacedById": null,
     *       "key": "cp_4kq9_example-secret-shown-once"
     *     }
     */
    ApiKeyWithSecret: {
      /** Format: uuid */
      id: string;
      name: string;
      /** @description The first characters of the key, to tell keys apart. */
      prefix: string;
      scopes: ('chat:read' | 'chat:write' | 'documents:read' | 'documents:write' | 'admin' | 'platform:admin')[];
      /**
       * Format: int32
       * @description Requests per rate-limit window; null: the platform default.
       */
      rateLimit: number | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      expiresAt: string | null;
      /** Format: date-time */
      revokedAt: string | null;
      /** Format: date-time */
      lastUsedAt: string | null;
      /**
       * Format: uuid
       * @description The key that replaced this one by rotation.
       */
      replacedById: string | null;
      /** @description The secret key. Shown only in this response: store it now. */
      key: string;
    };
    /**
     * @example {
     *       "id": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4cbb",
     *       "action": "copilot.created",
     *       "actor": {
     *         "type": "api_key",
     *         "id": "2f3e4d5c-6b7a-4988-8a7b-6c5d4e3f2a88"
     *       },
     *       "target": {
     *         "type": "copilot",
     *         "id": "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d44"
     *       },
     *       "requestId": "req-5d1f0c",
     *       "metadata": {},
     *       "createdAt": "2026-11-22T09:30:00.000Z"
     *     }
     */
    AuditEvent: {
      /** Format: uuid */
      id: string;
      action: string;
      actor: {
        /** @enum {string} */
        type: 'api_key' | 'jwt' | 'cli';
        id: string;
      };
      target: {
        type: string;
        id: string | null;
      };
      requestId: string | null;
      metadata: {
        [key: string]: unknown;
      };
      /** Format: date-time */
      createdAt: string;
    };
    /**
     * @example {
     *       "data": [
     *         {
     *           "id": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4cbb",
     *           "action": "copilot.created",
     *           "actor": {
     *             "type": "api_key",
     *             "id": "2f3e4d5c-6b7a-4988-8a7b-6c5d4e3f2a88"
     *           },
     *           "target": {
     *             "type": "copilot",
     *             "id": "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d44"
     *           },
     *           "requestId": "req-5d1f0c",
     *           "metadata": {},
     *           "createdAt": "2026-11-22T09:30:00.000Z"
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    AuditEventPage: {
      data: components['schemas']['AuditEvent'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /**
     * @example {
     *       "service": "api",
     *       "version": "0.1.0",
     *       "gitSha": "dc1f445",
     *       "buildDate": "2026-11-22T05:00:00Z"
     *     }
     */
    BuildInfo: {
      service: string;
      version: string;
      gitSha: string;
      buildDate: string;
    };
    Citation: {
      /** Format: uuid */
      documentId: string;
      /** Format: uuid */
      chunkId: string;
      title: string;
      headingPath: string[];
      /** Format: int32 */
      start: number;
      /** Format: int32 */
      end: number;
    };
    /**
     * @example {
     *       "id": "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c55",
     *       "name": "Help center",
     *       "description": "Public support articles",
     *       "embeddingModel": "local",
     *       "embeddingDimensions": 384,
     *       "language": "english",
     *       "createdAt": "2026-11-22T09:30:00.000Z",
     *       "updatedAt": "2026-11-22T09:30:00.000Z"
     *     }
     */
    Collection: {
      /** Format: uuid */
      id: string;
      name: string;
      description: string;
      /** @description `local` or `openai/<model>`. */
      embeddingModel: string;
      /** Format: int32 */
      embeddingDimensions: number;
      /** @description Text search configuration of keyword search: `english` (default: stop words dropped, inflections stemmed), `simple` (words as written) or another Postgres language. */
      language: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    /**
     * @example {
     *       "data": [
     *         {
     *           "id": "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c55",
     *           "name": "Help center",
     *           "description": "Public support articles",
     *           "embeddingModel": "local",
     *           "embeddingDimensions": 384,
     *           "language": "english",
     *           "createdAt": "2026-11-22T09:30:00.000Z",
     *           "updatedAt": "2026-11-22T09:30:00.000Z"
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    CollectionPage: {
      data: components['schemas']['Collection'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /**
     * @example {
     *       "id": "0b8f3c2e-5a7d-4e0c-8a8e-2f5b9e6d1c11",
     *       "title": "Refund questions",
     *       "metadata": {
     *         "customerId": "c-1042"
     *       },
     *       "copilotId": "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d44",
     *       "createdAt": "2026-11-22T09:30:00.000Z",
     *       "updatedAt": "2026-11-22T09:30:00.000Z"
     *     }
     */
    Conversation: {
      /** Format: uuid */
      id: string;
      title: string | null;
      metadata: {
        [key: string]: unknown;
      };
      /** Format: uuid */
      copilotId: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    /**
     * @example {
     *       "data": [
     *         {
     *           "id": "0b8f3c2e-5a7d-4e0c-8a8e-2f5b9e6d1c11",
     *           "title": "Refund questions",
     *           "metadata": {
     *             "customerId": "c-1042"
     *           },
     *           "copilotId": "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d44",
     *           "createdAt": "2026-11-22T09:30:00.000Z",
     *           "updatedAt": "2026-11-22T09:30:00.000Z"
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    ConversationPage: {
      data: components['schemas']['Conversation'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /**
     * @example {
     *       "id": "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d44",
     *       "name": "Support assistant",
     *       "instructions": "Answer from the help center; say when you do not know.",
     *       "model": "anthropic/claude-sonnet-4-5",
     *       "temperature": 0.2,
     *       "maxTokens": 1024,
     *       "fallbackModels": [
     *         "openai/gpt-4.1-mini"
     *       ],
     *       "collectionIds": [
     *         "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c55"
     *       ],
     *       "tools": [
     *         {
     *           "name": "search_knowledge",
     *           "approval": "never"
     *         },
     *         {
     *           "name": "get_order",
     *           "approval": "never"
     *         }
     *       ],
     *       "toolChoice": "auto",
     *       "maxSteps": 10,
     *       "maxToolCalls": null,
     *       "parallelToolCalls": true,
     *       "createdAt": "2026-11-22T09:30:00.000Z",
     *       "updatedAt": "2026-11-22T09:30:00.000Z"
     *     }
     */
    Copilot: {
      /** Format: uuid */
      id: string;
      name: string;
      instructions: string;
      /** @description provider/model; null means the platform default model. */
      model: string | null;
      temperature: number | null;
      /** Format: int32 */
      maxTokens: number | null;
      fallbackModels: string[];
      collectionIds: string[];
      tools: {
        /** @description A tool of the tenant (GET /v1/tools) or a builtin: search_knowledge, fetch_url, current_time. */
        name: string;
        /**
         * @description `always`: each call waits for POST /v1/jobs/{id}/approvals.
         * @enum {string}
         */
        approval: 'never' | 'always';
      }[];
      /** @description Whether the model must, may or may not call tools, or which one it must call. */
      toolChoice:
        | ('auto' | 'required' | 'none')
        | {
            name: string;
          };
      /**
       * Format: int32
       * @description Model steps a run may take before it is stopped.
       */
      maxSteps: number;
      /**
       * Format: int32
       * @description Tool calls a run may make; null: no cap but maxSteps.
       */
      maxToolCalls: number | null;
      /** @description Whether the model may ask for several calls in one step. */
      parallelToolCalls: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    /**
     * @example {
     *       "data": [
     *         {
     *           "id": "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d44",
     *           "name": "Support assistant",
     *           "instructions": "Answer from the help center; say when you do not know.",
     *           "model": "anthropic/claude-sonnet-4-5",
     *           "temperature": 0.2,
     *           "maxTokens": 1024,
     *           "fallbackModels": [
     *             "openai/gpt-4.1-mini"
     *           ],
     *           "collectionIds": [
     *             "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c55"
     *           ],
     *           "tools": [
     *             {
     *               "name": "search_knowledge",
     *               "approval": "never"
     *             },
     *             {
     *               "name": "get_order",
     *               "approval": "never"
     *             }
     *           ],
     *           "toolChoice": "auto",
     *           "maxSteps": 10,
     *           "maxToolCalls": null,
     *           "parallelToolCalls": true,
     *           "createdAt": "2026-11-22T09:30:00.000Z",
     *           "updatedAt": "2026-11-22T09:30:00.000Z"
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    CopilotPage: {
      data: components['schemas']['Copilot'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /**
     * @example {
     *       "id": "9c8b7a6f-5e4d-4c3b-aa19-0f8e7d6c5b66",
     *       "collectionId": "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c55",
     *       "title": "Refund policy",
     *       "source": {
     *         "type": "text",
     *         "url": null,
     *         "filename": null,
     *         "mediaType": "text/plain",
     *         "sizeBytes": 1840
     *       },
     *       "stage": "queued",
     *       "progress": 0,
     *       "error": null,
     *       "chunkCount": 0,
     *       "jobId": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *       "createdAt": "2026-11-22T09:30:00.000Z",
     *       "updatedAt": "2026-11-22T09:30:00.000Z",
     *       "indexedAt": null,
     *       "metadata": {
     *         "team": "support"
     *       }
     *     }
     */
    Document: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      collectionId: string;
      title: string;
      source: {
        /** @enum {string} */
        type: 'file' | 'text' | 'url';
        url: string | null;
        filename: string | null;
        mediaType: string | null;
        /** Format: int32 */
        sizeBytes: number;
      };
      /** @enum {string} */
      stage: 'queued' | 'parsing' | 'chunking' | 'embedding' | 'indexed' | 'failed';
      /**
       * Format: int32
       * @description Percent done.
       */
      progress: number;
      error: {
        [key: string]: unknown;
      } | null;
      /** Format: int32 */
      chunkCount: number;
      /**
       * Format: uuid
       * @description The latest ingest job.
       */
      jobId: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      /** Format: date-time */
      indexedAt: string | null;
      /** @description Key/values given at upload, for search filters. */
      metadata: {
        [key: string]: string | number | boolean;
      };
    };
    /**
     * @example {
     *       "document": {
     *         "id": "9c8b7a6f-5e4d-4c3b-aa19-0f8e7d6c5b66",
     *         "collectionId": "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c55",
     *         "title": "Refund policy",
     *         "source": {
     *           "type": "text",
     *           "url": null,
     *           "filename": null,
     *           "mediaType": "text/plain",
     *           "sizeBytes": 1840
     *         },
     *         "stage": "queued",
     *         "progress": 0,
     *         "error": null,
     *         "chunkCount": 0,
     *         "jobId": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *         "createdAt": "2026-11-22T09:30:00.000Z",
     *         "updatedAt": "2026-11-22T09:30:00.000Z",
     *         "indexedAt": null,
     *         "metadata": {
     *           "team": "support"
     *         }
     *       },
     *       "job": {
     *         "id": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *         "type": "document.ingest",
     *         "status": "queued",
     *         "progress": 0,
     *         "attempts": 0,
     *         "result": null,
     *         "error": null,
     *         "requiredAction": null,
     *         "createdAt": "2026-11-22T09:30:00.000Z",
     *         "startedAt": null,
     *         "finishedAt": null,
     *         "links": {
     *           "self": "/v1/jobs/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *           "events": "/v1/jobs/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33/events"
     *         }
     *       },
     *       "duplicate": false
     *     }
     */
    DocumentAccepted: {
      document: components['schemas']['Document'];
      /** @description Null when the same content is already in the collection. */
      job: components['schemas']['Job'] | null;
      /** @description True (status 200) when the same content was already in the collection. */
      duplicate: boolean;
    };
    /**
     * @example {
     *       "data": [
     *         {
     *           "id": "9c8b7a6f-5e4d-4c3b-aa19-0f8e7d6c5b66",
     *           "collectionId": "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c55",
     *           "title": "Refund policy",
     *           "source": {
     *             "type": "text",
     *             "url": null,
     *             "filename": null,
     *             "mediaType": "text/plain",
     *             "sizeBytes": 1840
     *           },
     *           "stage": "queued",
     *           "progress": 0,
     *           "error": null,
     *           "chunkCount": 0,
     *           "jobId": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *           "createdAt": "2026-11-22T09:30:00.000Z",
     *           "updatedAt": "2026-11-22T09:30:00.000Z",
     *           "indexedAt": null,
     *           "metadata": {
     *             "team": "support"
     *           }
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    DocumentPage: {
      data: components['schemas']['Document'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /**
     * @example {
     *       "document": {
     *         "id": "9c8b7a6f-5e4d-4c3b-aa19-0f8e7d6c5b66",
     *         "collectionId": "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c55",
     *         "title": "Refund policy",
     *         "source": {
     *           "type": "text",
     *           "url": null,
     *           "filename": null,
     *           "mediaType": "text/plain",
     *           "sizeBytes": 1840
     *         },
     *         "stage": "queued",
     *         "progress": 0,
     *         "error": null,
     *         "chunkCount": 0,
     *         "jobId": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *         "createdAt": "2026-11-22T09:30:00.000Z",
     *         "updatedAt": "2026-11-22T09:30:00.000Z",
     *         "indexedAt": null,
     *         "metadata": {
     *           "team": "support"
     *         }
     *       },
     *       "job": {
     *         "id": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *         "type": "document.ingest",
     *         "status": "queued",
     *         "progress": 0,
     *         "attempts": 0,
     *         "result": null,
     *         "error": null,
     *         "requiredAction": null,
     *         "createdAt": "2026-11-22T09:30:00.000Z",
     *         "startedAt": null,
     *         "finishedAt": null,
     *         "links": {
     *           "self": "/v1/jobs/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *           "events": "/v1/jobs/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33/events"
     *         }
     *       }
     *     }
     */
    DocumentRetried: {
      document: components['schemas']['Document'];
      job: components['schemas']['Job'];
    };
    /**
     * @example {
     *       "status": "ok"
     *     }
     */
    Health: {
      /** @enum {string} */
      status: 'ok';
    };
    /**
     * @example {
     *       "id": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *       "type": "chat.generate",
     *       "status": "queued",
     *       "progress": 0,
     *       "attempts": 0,
     *       "result": null,
     *       "error": null,
     *       "requiredAction": null,
     *       "createdAt": "2026-11-22T09:30:00.000Z",
     *       "startedAt": null,
     *       "finishedAt": null,
     *       "links": {
     *         "self": "/v1/jobs/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *         "events": "/v1/jobs/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33/events"
     *       }
     *     }
     */
    Job: {
      /** Format: uuid */
      id: string;
      /** @description What the job does, e.g. chat.generate or document.ingest. */
      type: string;
      /** @enum {string} */
      status: 'queued' | 'running' | 'requires_action' | 'succeeded' | 'failed' | 'cancelled';
      /**
       * Format: int32
       * @description Percent done.
       */
      progress: number;
      /** Format: int32 */
      attempts: number;
      result: {
        [key: string]: unknown;
      } | null;
      error: {
        [key: string]: unknown;
      } | null;
      /** @description While the job is `requires_action`: what its agent run waits for (POST /v1/jobs/{id}/approvals or /tool-outputs). */
      requiredAction: {
        /** @enum {string} */
        type: 'approve_tool_calls' | 'submit_tool_outputs';
        /** @description The calls waiting, with the arguments the model wrote (JSON text). */
        toolCalls: {
          id: string;
          name: string;
          arguments: string;
        }[];
        /**
         * Format: date-time
         * @description After this the action can no longer be taken.
         */
        expiresAt: string;
      } | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      startedAt: string | null;
      /** Format: date-time */
      finishedAt: string | null;
      links: {
        self: string;
        events: string;
      };
    };
    JobStreamCitationEvent: {
      /** @enum {string} */
      type: 'citation';
      data: {
        /** Format: int32 */
        index: number;
        /** Format: uuid */
        documentId: string;
        /** Format: uuid */
        chunkId: string;
        title: string;
        headingPath: string[];
        /** Format: int32 */
        start: number;
        /** Format: int32 */
        end: number;
      };
      /** @description The stream id ("ms-seq") to resume after with Last-Event-ID. Absent on the `message` event of a streamed POST, and on the single final event sent for a job whose stream has expired. */
      id?: string;
    };
    JobStreamDoneEvent: {
      /** @enum {string} */
      type: 'done';
      data: {
        /** @enum {string} */
        status: 'succeeded' | 'cancelled';
        provider?: string | null;
        /** Format: uuid */
        messageId?: string | null;
        limit?: string;
        /** Format: uuid */
        documentId?: string;
        model?: string | null;
        /** Format: int32 */
        inputTokens?: number;
        /** Format: int32 */
        outputTokens?: number;
        finishReason?: string;
        /** @enum {string} */
        stopReason?: 'answered' | 'max_steps' | 'max_tool_calls' | 'deadline' | 'budget_exceeded' | 'loop_detected';
        /** Format: int32 */
        steps?: number;
        /** Format: int32 */
        toolCalls?: number;
        /** Format: int32 */
        chunks?: number;
        reason?: string;
        message?: string;
        stage?: string;
      } & {
        [key: string]: unknown;
      };
      /** @description The stream id ("ms-seq") to resume after with Last-Event-ID. Absent on the `message` event of a streamed POST, and on the single final event sent for a job whose stream has expired. */
      id?: string;
    };
    JobStreamErrorEvent: {
      /** @enum {string} */
      type: 'error';
      data: {
        provider?: string | null;
        /** Format: uuid */
        messageId?: string | null;
        limit?: string;
        /** Format: uuid */
        documentId?: string;
        model?: string | null;
        /** Format: int32 */
        inputTokens?: number;
        /** Format: int32 */
        outputTokens?: number;
        finishReason?: string;
        /** @enum {string} */
        stopReason?: 'answered' | 'max_steps' | 'max_tool_calls' | 'deadline' | 'budget_exceeded' | 'loop_detected';
        /** Format: int32 */
        steps?: number;
        /** Format: int32 */
        toolCalls?: number;
        /** Format: int32 */
        chunks?: number;
        reason: string;
        message: string;
        /** @enum {string} */
        status: 'failed';
        stage?: string;
      } & {
        [key: string]: unknown;
      };
      /** @description The stream id ("ms-seq") to resume after with Last-Event-ID. Absent on the `message` event of a streamed POST, and on the single final event sent for a job whose stream has expired. */
      id?: string;
    };
    JobStreamEvent:
      | components['schemas']['JobStreamStatusEvent']
      | components['schemas']['JobStreamTokenEvent']
      | components['schemas']['JobStreamCitationEvent']
      | components['schemas']['JobStreamUsageEvent']
      | components['schemas']['JobStreamDoneEvent']
      | components['schemas']['JobStreamStepEvent']
      | components['schemas']['JobStreamToolCallDeltaEvent']
      | components['schemas']['JobStreamToolCallEvent']
      | components['schemas']['JobStreamToolResultEvent']
      | components['schemas']['JobStreamRequiresActionEvent']
      | components['schemas']['JobStreamErrorEvent'];
    JobStreamRequiresActionEvent: {
      /** @enum {string} */
      type: 'requires_action';
      data: {
        /** @enum {string} */
        type: 'approve_tool_calls' | 'submit_tool_outputs';
        toolCalls: {
          id: string;
          name: string;
          arguments: string;
        }[];
        /** Format: date-time */
        expiresAt: string;
      };
      /** @description The stream id ("ms-seq") to resume after with Last-Event-ID. Absent on the `message` event of a streamed POST, and on the single final event sent for a job whose stream has expired. */
      id?: string;
    };
    JobStreamStatusEvent: {
      /** @enum {string} */
      type: 'status';
      data: {
        /** @enum {string} */
        status: 'running' | 'restarted' | 'requires_action';
        /** Format: int32 */
        attempt?: number;
        reason?: string;
        provider?: string;
        model?: string;
        stage?: string;
        progress?: number;
      } & {
        [key: string]: unknown;
      };
      /** @description The stream id ("ms-seq") to resume after with Last-Event-ID. Absent on the `message` event of a streamed POST, and on the single final event sent for a job whose stream has expired. */
      id?: string;
    };
    JobStreamStepEvent: {
      /** @enum {string} */
      type: 'step';
      data: {
        /** Format: int32 */
        step: number;
        /** @enum {string} */
        status: 'started' | 'finished';
        provider?: string;
        model?: string;
        finishReason?: string;
        /** Format: int32 */
        inputTokens?: number;
        /** Format: int32 */
        outputTokens?: number;
      };
      /** @description The stream id ("ms-seq") to resume after with Last-Event-ID. Absent on the `message` event of a streamed POST, and on the single final event sent for a job whose stream has expired. */
      id?: string;
    };
    JobStreamTokenEvent: {
      /** @enum {string} */
      type: 'token';
      data: {
        text: string;
      };
      /** @description The stream id ("ms-seq") to resume after with Last-Event-ID. Absent on the `message` event of a streamed POST, and on the single final event sent for a job whose stream has expired. */
      id?: string;
    };
    JobStreamToolCallDeltaEvent: {
      /** @enum {string} */
      type: 'tool_call.delta';
      data: {
        /** Format: int32 */
        step: number;
        /** Format: int32 */
        index: number;
        id?: string;
        name?: string;
        argumentsDelta: string;
      };
      /** @description The stream id ("ms-seq") to resume after with Last-Event-ID. Absent on the `message` event of a streamed POST, and on the single final event sent for a job whose stream has expired. */
      id?: string;
    };
    JobStreamToolCallEvent: {
      /** @enum {string} */
      type: 'tool_call';
      data: {
        /** Format: int32 */
        step: number;
        id: string;
        name: string;
        arguments: string;
      };
      /** @description The stream id ("ms-seq") to resume after with Last-Event-ID. Absent on the `message` event of a streamed POST, and on the single final event sent for a job whose stream has expired. */
      id?: string;
    };
    JobStreamToolResultEvent: {
      /** @enum {string} */
      type: 'tool_result';
      data: {
        id: string;
        name: string;
        /** @enum {string} */
        status: 'ok' | 'error' | 'rejected' | 'timeout';
        /** Format: int32 */
        durationMs: number;
        output: string;
        truncated: boolean;
      };
      /** @description The stream id ("ms-seq") to resume after with Last-Event-ID. Absent on the `message` event of a streamed POST, and on the single final event sent for a job whose stream has expired. */
      id?: string;
    };
    JobStreamUsageEvent: {
      /** @enum {string} */
      type: 'usage';
      data: {
        /** Format: int32 */
        inputTokens: number;
        /** Format: int32 */
        outputTokens: number;
      };
      /** @description The stream id ("ms-seq") to resume after with Last-Event-ID. Absent on the `message` event of a streamed POST, and on the single final event sent for a job whose stream has expired. */
      id?: string;
    };
    /**
     * @example {
     *       "id": "8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6bdd",
     *       "name": "crm",
     *       "url": "https://mcp.crm.example.com/mcp",
     *       "hasCredentials": true,
     *       "allowedTools": [
     *         "find_customer"
     *       ],
     *       "timeoutMs": 15000,
     *       "tools": [
     *         {
     *           "name": "find_customer",
     *           "description": "Finds a customer by e-mail address or customer number.",
     *           "inputSchema": {
     *             "type": "object",
     *             "properties": {
     *               "query": {
     *                 "type": "string",
     *                 "maxLength": 200
     *               }
     *             },
     *             "required": [
     *               "query"
     *             ]
     *           },
     *           "annotations": {
     *             "readOnlyHint": true,
     *             "idempotentHint": true
     *           },
     *           "exposedAs": "crm__find_customer"
     *         },
     *         {
     *           "name": "delete_customer",
     *           "description": "Deletes a customer.",
     *           "inputSchema": {
     *             "type": "object",
     *             "properties": {
     *               "id": {
     *                 "type": "string",
     *                 "maxLength": 40
     *               }
     *             },
     *             "required": [
     *               "id"
     *             ]
     *           },
     *           "annotations": {
     *             "destructiveHint": true
     *           },
     *           "exposedAs": null
     *         }
     *       ],
     *       "toolsRefreshedAt": "2026-11-22T09:30:00.000Z",
     *       "createdAt": "2026-11-22T09:30:00.000Z",
     *       "updatedAt": "2026-11-22T09:30:00.000Z"
     *     }
     */
    McpServer: {
      /** Format: uuid */
      id: string;
      /** @description Prefixes its tool names: `<name>__<tool>`. */
      name: string;
      /** @description Its Streamable HTTP endpoint. */
      url: string;
      /** @description Whether a bearer token is stored (sealed; never returned). */
      hasCredentials: boolean;
      /** @description Only these of its tools are offered to copilots; empty: all. */
      allowedTools: string[];
      /**
       * Format: int32
       * @description For each request to the server.
       */
      timeoutMs: number;
      tools: components['schemas']['McpServerTool'][];
      /**
       * Format: date-time
       * @description When its tools were last listed.
       */
      toolsRefreshedAt: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    /**
     * @example {
     *       "data": [
     *         {
     *           "id": "8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6bdd",
     *           "name": "crm",
     *           "url": "https://mcp.crm.example.com/mcp",
     *           "hasCredentials": true,
     *           "allowedTools": [
     *             "find_customer"
     *           ],
     *           "timeoutMs": 15000,
     *           "tools": [
     *             {
     *               "name": "find_customer",
     *               "description": "Finds a customer by e-mail address or customer number.",
     *               "inputSchema": {
     *                 "type": "object",
     *                 "properties": {
     *                   "query": {
     *                     "type": "string",
     *                     "maxLength": 200
     *                   }
     *                 },
     *                 "required": [
     *                   "query"
     *                 ]
     *               },
     *               "annotations": {
     *                 "readOnlyHint": true,
     *                 "idempotentHint": true
     *               },
     *               "exposedAs": "crm__find_customer"
     *             },
     *             {
     *               "name": "delete_customer",
     *               "description": "Deletes a customer.",
     *               "inputSchema": {
     *                 "type": "object",
     *                 "properties": {
     *                   "id": {
     *                     "type": "string",
     *                     "maxLength": 40
     *                   }
     *                 },
     *                 "required": [
     *                   "id"
     *                 ]
     *               },
     *               "annotations": {
     *                 "destructiveHint": true
     *               },
     *               "exposedAs": null
     *             }
     *           ],
     *           "toolsRefreshedAt": "2026-11-22T09:30:00.000Z",
     *           "createdAt": "2026-11-22T09:30:00.000Z",
     *           "updatedAt": "2026-11-22T09:30:00.000Z"
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    McpServerPage: {
      data: components['schemas']['McpServer'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    McpServerTool: {
      /** @description The tool's name on the server. */
      name: string;
      description: string;
      /** @description JSON Schema (type object) of its arguments, as the server gave it. */
      inputSchema: {
        [key: string]: unknown;
      };
      /** @description The server's hints. With `idempotentHint`, a call cut by a crash is sent again. */
      annotations?: {
        readOnlyHint?: boolean;
        idempotentHint?: boolean;
        destructiveHint?: boolean;
      };
      /** @description What copilots list it as (`<server>__<tool>`); null when it is not offered: not in `allowedTools`, a combined name over 64 characters, or an input schema the platform cannot check. */
      exposedAs: string | null;
    };
    /**
     * @example {
     *       "id": "8c0d0a3e-2b0f-4d4f-9a3b-5a1e7d2c9b22",
     *       "conversationId": "0b8f3c2e-5a7d-4e0c-8a8e-2f5b9e6d1c11",
     *       "role": "user",
     *       "content": "How long do refunds take?",
     *       "jobId": null,
     *       "citations": [],
     *       "createdAt": "2026-11-22T09:30:00.000Z"
     *     }
     */
    Message: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      conversationId: string;
      /** @enum {string} */
      role: 'user' | 'assistant';
      content: string;
      /**
       * Format: uuid
       * @description The generation job that wrote this (assistant) message.
       */
      jobId: string | null;
      citations: components['schemas']['Citation'][];
      /** Format: date-time */
      createdAt: string;
    };
    /**
     * @example {
     *       "message": {
     *         "id": "8c0d0a3e-2b0f-4d4f-9a3b-5a1e7d2c9b22",
     *         "conversationId": "0b8f3c2e-5a7d-4e0c-8a8e-2f5b9e6d1c11",
     *         "role": "user",
     *         "content": "How long do refunds take?",
     *         "jobId": null,
     *         "citations": [],
     *         "createdAt": "2026-11-22T09:30:00.000Z"
     *       },
     *       "job": {
     *         "id": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *         "type": "chat.generate",
     *         "status": "queued",
     *         "progress": 0,
     *         "attempts": 0,
     *         "result": null,
     *         "error": null,
     *         "requiredAction": null,
     *         "createdAt": "2026-11-22T09:30:00.000Z",
     *         "startedAt": null,
     *         "finishedAt": null,
     *         "links": {
     *           "self": "/v1/jobs/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33",
     *           "events": "/v1/jobs/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33/events"
     *         }
     *       }
     *     }
     */
    MessageAccepted: {
      message: components['schemas']['Message'];
      job: components['schemas']['Job'];
    };
    /**
     * @example {
     *       "data": [
     *         {
     *           "id": "8c0d0a3e-2b0f-4d4f-9a3b-5a1e7d2c9b22",
     *           "conversationId": "0b8f3c2e-5a7d-4e0c-8a8e-2f5b9e6d1c11",
     *           "role": "user",
     *           "content": "How long do refunds take?",
     *           "jobId": null,
     *           "citations": [],
     *           "createdAt": "2026-11-22T09:30:00.000Z"
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    MessagePage: {
      data: components['schemas']['Message'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    MessageStreamEvent:
      | components['schemas']['MessageStreamMessageEvent']
      | components['schemas']['JobStreamStatusEvent']
      | components['schemas']['JobStreamTokenEvent']
      | components['schemas']['JobStreamCitationEvent']
      | components['schemas']['JobStreamUsageEvent']
      | components['schemas']['JobStreamDoneEvent']
      | components['schemas']['JobStreamStepEvent']
      | components['schemas']['JobStreamToolCallDeltaEvent']
      | components['schemas']['JobStreamToolCallEvent']
      | components['schemas']['JobStreamToolResultEvent']
      | components['schemas']['JobStreamRequiresActionEvent']
      | components['schemas']['JobStreamErrorEvent'];
    MessageStreamMessageEvent: {
      /** @enum {string} */
      type: 'message';
      data: components['schemas']['MessageAccepted'];
      /** @description The stream id ("ms-seq") to resume after with Last-Event-ID. Absent on the `message` event of a streamed POST, and on the single final event sent for a job whose stream has expired. */
      id?: string;
    };
    /**
     * @example {
     *       "type": "/problems/validation-error",
     *       "title": "Your request is not valid",
     *       "status": 400,
     *       "detail": "body.content: must not be empty",
     *       "instance": "/v1/conversations/0b8f3c2e-5a7d-4e0c-8a8e-2f5b9e6d1c11/messages",
     *       "errors": [
     *         {
     *           "field": "body.content",
     *           "message": "must not be empty"
     *         }
     *       ]
     *     }
     */
    Problem: {
      /** @description A URI reference naming the problem, e.g. /problems/validation-error. */
      type: string;
      title: string;
      /** Format: int32 */
      status: number;
      detail?: string;
      /** @description The path of the request that failed. */
      instance?: string;
      /** @description Every invalid field, for validation problems (400). */
      errors?: {
        /** @description Where the bad input is: body.content, query.limit, path.id, headers.x. */
        field: string;
        /** @description What was expected. */
        message: string;
      }[];
      /**
       * @description token-budget-exceeded: the budget window.
       * @enum {string}
       */
      window?: 'day' | 'month';
      /**
       * Format: int64
       * @description token-budget-exceeded: the budget.
       */
      limit?: number;
      /**
       * Format: date-time
       * @description token-budget-exceeded: when the budget resets.
       */
      resetAt?: string;
      /**
       * Format: int64
       * @description context-too-long: tokens the request needs.
       */
      tokens?: number;
      /**
       * Format: int64
       * @description context-too-long: tokens the model allows.
       */
      available?: number;
      /** @description internal-server-error: the id to quote to support (also the X-Request-Id header); the cause is logged under it. */
      requestId?: string;
    };
    /**
     * @example {
     *       "data": [
     *         {
     *           "provider": "anthropic",
     *           "updatedAt": "2026-11-22T09:30:00.000Z",
     *           "models": null
     *         }
     *       ]
     *     }
     */
    ProviderKeyList: {
      data: {
        /** @enum {string} */
        provider: 'openai' | 'anthropic' | 'gemini';
        /** Format: date-time */
        updatedAt: string;
        models: string[] | null;
      }[];
    };
    /**
     * @example {
     *       "status": "ok",
     *       "info": {
     *         "database": {
     *           "status": "up"
     *         },
     *         "redis": {
     *           "status": "up"
     *         }
     *       },
     *       "error": {},
     *       "details": {
     *         "database": {
     *           "status": "up"
     *         },
     *         "redis": {
     *           "status": "up"
     *         }
     *       }
     *     }
     */
    Readiness: {
      /** @enum {string} */
      status: 'ok' | 'error' | 'shutting_down';
      info?: {
        [key: string]: {
          /** @enum {string} */
          status: 'up' | 'down';
          message?: string;
        };
      };
      error?: {
        [key: string]: {
          /** @enum {string} */
          status: 'up' | 'down';
          message?: string;
        };
      };
      details: {
        [key: string]: {
          /** @enum {string} */
          status: 'up' | 'down';
          message?: string;
        };
      };
    };
    /**
     * @example {
     *       "id": "5d6e7f80-91a2-4b3c-8d4e-5f6a7b8c9ddd",
     *       "seq": 1,
     *       "kind": "tool",
     *       "status": "awaiting_approval",
     *       "provider": null,
     *       "model": null,
     *       "toolCallId": "call_8f2a",
     *       "toolName": "refund_order",
     *       "toolKind": "http",
     *       "arguments": "{\"orderId\":\"A-1042\",\"amount\":25}",
     *       "output": null,
     *       "error": null,
     *       "inputTokens": null,
     *       "outputTokens": null,
     *       "decision": null,
     *       "decisionReason": null,
     *       "decidedAt": null,
     *       "startedAt": "2026-11-22T09:30:00.000Z",
     *       "finishedAt": null,
     *       "durationMs": null
     *     }
     */
    RunStep: {
      /** Format: uuid */
      id: string;
      /**
       * Format: int32
       * @description Order within the run: a model step, then its tool calls, then the next model step.
       */
      seq: number;
      /** @enum {string} */
      kind: 'model' | 'tool';
      /** @enum {string} */
      status:
        | 'running'
        | 'succeeded'
        | 'failed'
        | 'rejected'
        | 'timeout'
        | 'cancelled'
        | 'awaiting_approval'
        | 'awaiting_output';
      provider: string | null;
      model: string | null;
      toolCallId: string | null;
      toolName: string | null;
      /** @description builtin, http or client. */
      toolKind: string | null;
      /** @description The arguments as the model wrote them (JSON text). */
      arguments: string | null;
      /** @description Model steps: text, toolCalls, finishReason. Tool calls: status, output (size-capped), truncated. */
      output: {
        [key: string]: unknown;
      } | null;
      error: {
        [key: string]: unknown;
      } | null;
      /** Format: int32 */
      inputTokens: number | null;
      /** Format: int32 */
      outputTokens: number | null;
      /** @description approved, rejected or expired; null while undecided. */
      decision: string | null;
      decisionReason: string | null;
      /** Format: date-time */
      decidedAt: string | null;
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      finishedAt: string | null;
      /** Format: int32 */
      durationMs: number | null;
    };
    /**
     * @example {
     *       "data": [
     *         {
     *           "id": "5d6e7f80-91a2-4b3c-8d4e-5f6a7b8c9ddd",
     *           "seq": 1,
     *           "kind": "tool",
     *           "status": "awaiting_approval",
     *           "provider": null,
     *           "model": null,
     *           "toolCallId": "call_8f2a",
     *           "toolName": "refund_order",
     *           "toolKind": "http",
     *           "arguments": "{\"orderId\":\"A-1042\",\"amount\":25}",
     *           "output": null,
     *           "error": null,
     *           "inputTokens": null,
     *           "outputTokens": null,
     *           "decision": null,
     *           "decisionReason": null,
     *           "decidedAt": null,
     *           "startedAt": "2026-11-22T09:30:00.000Z",
     *           "finishedAt": null,
     *           "durationMs": null
     *         }
     *       ]
     *     }
     */
    RunStepList: {
      data: components['schemas']['RunStep'][];
    };
    /**
     * @example {
     *       "data": [
     *         {
     *           "name": "usage-rollup",
     *           "queue": "maintenance",
     *           "everyMs": 300000,
     *           "pattern": null,
     *           "nextRunAt": "2026-11-22T09:30:00.000Z",
     *           "lastRun": {
     *             "at": "2026-11-22T09:30:00.000Z",
     *             "outcome": "completed",
     *             "error": null
     *           },
     *           "registered": true
     *         }
     *       ]
     *     }
     */
    ScheduleList: {
      data: {
        name: string;
        /** @description Null for work the scheduler does in-process. */
        queue: string | null;
        /** Format: int32 */
        everyMs: number | null;
        pattern: string | null;
        /** Format: date-time */
        nextRunAt: string | null;
        lastRun: {
          /** Format: date-time */
          at: string;
          /** @enum {string} */
          outcome: 'completed' | 'failed';
          error: string | null;
        } | null;
        registered: boolean;
      }[];
    };
    /**
     * @example {
     *       "mode": "hybrid",
     *       "data": [
     *         {
     *           "chunkId": "1e2d3c4b-5a69-4788-9a6b-5c4d3e2f1a77",
     *           "documentId": "9c8b7a6f-5e4d-4c3b-aa19-0f8e7d6c5b66",
     *           "collectionId": "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c55",
     *           "title": "Refund policy",
     *           "text": "Refunds are issued within 5 business days of approval.",
     *           "headingPath": [
     *             "Billing",
     *             "Refunds"
     *           ],
     *           "offsets": {
     *             "start": 120,
     *             "end": 176
     *           },
     *           "score": 0.82
     *         }
     *       ]
     *     }
     */
    SearchResults: {
      /** @enum {string} */
      mode: 'hybrid' | 'vector' | 'keyword';
      data: {
        /** Format: uuid */
        chunkId: string;
        /** Format: uuid */
        documentId: string;
        /** Format: uuid */
        collectionId: string;
        title: string;
        text: string;
        headingPath: string[];
        offsets: {
          /** Format: int32 */
          start: number;
          /** Format: int32 */
          end: number;
        };
        /** @description Higher is better (cosine similarity, rank, or fused score). */
        score: number;
      }[];
    };
    /**
     * @example {
     *       "id": "3b4c5d6e-7f80-4a91-8b2c-3d4e5f6a7bcc",
     *       "name": "get_order",
     *       "description": "Looks an order up by its number: status, items and delivery date.",
     *       "parameters": {
     *         "type": "object",
     *         "properties": {
     *           "orderId": {
     *             "type": "string",
     *             "maxLength": 20,
     *             "description": "The order number, e.g. A-1042."
     *           }
     *         },
     *         "required": [
     *           "orderId"
     *         ]
     *       },
     *       "kind": "http",
     *       "http": {
     *         "method": "GET",
     *         "urlTemplate": "https://shop.example.com/api/orders/{orderId}",
     *         "headers": {}
     *       },
     *       "hasCredentials": true,
     *       "idempotent": true,
     *       "timeoutMs": 10000,
     *       "createdAt": "2026-11-22T09:30:00.000Z",
     *       "updatedAt": "2026-11-22T09:30:00.000Z"
     *     }
     */
    Tool: {
      /** Format: uuid */
      id: string;
      name: string;
      description: string;
      /** @description JSON Schema (type object) of the arguments. */
      parameters: {
        [key: string]: unknown;
      };
      /** @enum {string} */
      kind: 'http' | 'client';
      http: components['schemas']['ToolHttp'] | null;
      /** @description Whether sealed credential headers are stored (they are never returned). */
      hasCredentials: boolean;
      /** @description Safe to run again after a crash mid-call (sent an Idempotency-Key). */
      idempotent: boolean;
      /** Format: int32 */
      timeoutMs: number;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    ToolHttp: {
      /** @enum {string} */
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      /** @description `{name}` is filled with the argument of that name, URL-encoded. */
      urlTemplate: string;
      /** @description Sent on every call; credentials are kept apart (sealed) and never shown. */
      headers: {
        [key: string]: string;
      };
      /** @description Arguments sent in the query string although the method has a body. */
      query?: string[];
      /** @description The argument whose value is the whole JSON body. */
      bodyArgument?: string;
      /** @description The OpenAPI operation it was imported from. */
      source?: {
        openapi: {
          operationId: string;
          path: string;
        };
      };
    };
    /**
     * @example {
     *       "tools": [
     *         {
     *           "id": "3b4c5d6e-7f80-4a91-8b2c-3d4e5f6a7bcc",
     *           "name": "get_order",
     *           "description": "Looks an order up by its number: status, items and delivery date.",
     *           "parameters": {
     *             "type": "object",
     *             "properties": {
     *               "orderId": {
     *                 "type": "string",
     *                 "maxLength": 20,
     *                 "description": "The order number, e.g. A-1042."
     *               }
     *             },
     *             "required": [
     *               "orderId"
     *             ]
     *           },
     *           "kind": "http",
     *           "http": {
     *             "method": "GET",
     *             "urlTemplate": "https://shop.example.com/api/orders/{orderId}",
     *             "headers": {}
     *           },
     *           "hasCredentials": true,
     *           "idempotent": true,
     *           "timeoutMs": 10000,
     *           "createdAt": "2026-11-22T09:30:00.000Z",
     *           "updatedAt": "2026-11-22T09:30:00.000Z"
     *         }
     *       ],
     *       "skipped": []
     *     }
     */
    ToolImport: {
      /** @description The tools created, one per operation. */
      tools: components['schemas']['Tool'][];
      skipped: {
        operationId: string | null;
        path: string;
        method: string;
        /** @description Why the operation was not imported. */
        skipped: string;
      }[];
    };
    /**
     * @example {
     *       "data": [
     *         {
     *           "id": "3b4c5d6e-7f80-4a91-8b2c-3d4e5f6a7bcc",
     *           "name": "get_order",
     *           "description": "Looks an order up by its number: status, items and delivery date.",
     *           "parameters": {
     *             "type": "object",
     *             "properties": {
     *               "orderId": {
     *                 "type": "string",
     *                 "maxLength": 20,
     *                 "description": "The order number, e.g. A-1042."
     *               }
     *             },
     *             "required": [
     *               "orderId"
     *             ]
     *           },
     *           "kind": "http",
     *           "http": {
     *             "method": "GET",
     *             "urlTemplate": "https://shop.example.com/api/orders/{orderId}",
     *             "headers": {}
     *           },
     *           "hasCredentials": true,
     *           "idempotent": true,
     *           "timeoutMs": 10000,
     *           "createdAt": "2026-11-22T09:30:00.000Z",
     *           "updatedAt": "2026-11-22T09:30:00.000Z"
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    ToolPage: {
      data: components['schemas']['Tool'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /**
     * @example {
     *       "from": "2026-10-23T00:00:00.000Z",
     *       "to": "2026-11-22T09:30:00.000Z",
     *       "groupBy": "day",
     *       "data": [
     *         {
     *           "day": "2026-11-21",
     *           "requests": 42,
     *           "inputTokens": 18250,
     *           "outputTokens": 6120
     *         }
     *       ]
     *     }
     */
    Usage: {
      /** Format: date-time */
      from: string;
      /** Format: date-time */
      to: string;
      /** @enum {string} */
      groupBy: 'model' | 'day';
      data: {
        /** @description UTC day (YYYY-MM-DD), when grouped by day. */
        day?: string;
        /** @description provider/model, when grouped by model. */
        model?: string;
        /** Format: int64 */
        requests: number;
        /** Format: int64 */
        inputTokens: number;
        /** Format: int64 */
        outputTokens: number;
      }[];
    };
    /**
     * @example {
     *       "id": "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c99",
     *       "url": "https://example.com/hooks/copilot",
     *       "events": [
     *         "job.succeeded",
     *         "job.failed"
     *       ],
     *       "description": "CRM sync",
     *       "enabled": true,
     *       "disabledReason": null,
     *       "createdAt": "2026-11-22T09:30:00.000Z",
     *       "updatedAt": "2026-11-22T09:30:00.000Z",
     *       "links": {
     *         "deliveries": "/v1/webhooks/4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c99/deliveries"
     *       }
     *     }
     */
    Webhook: {
      /** Format: uuid */
      id: string;
      url: string;
      events: ('job.succeeded' | 'job.failed' | 'job.requires_action' | 'document.indexed' | 'document.failed')[];
      description: string;
      enabled: boolean;
      /** @description Why the platform disabled it (e.g. 410 Gone); null when a person did. */
      disabledReason: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      links: {
        deliveries: string;
      };
    };
    /**
     * @example {
     *       "id": "6c7d8e9f-0a1b-4c2d-8e3f-4a5b6c7d8eaa",
     *       "webhookId": "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c99",
     *       "eventId": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4cbb",
     *       "eventType": "job.succeeded",
     *       "status": "succeeded",
     *       "attempts": 1,
     *       "lastResponseStatus": 200,
     *       "lastError": null,
     *       "lastDurationMs": 84,
     *       "nextAttemptAt": null,
     *       "finishedAt": "2026-11-22T09:30:00.000Z",
     *       "createdAt": "2026-11-22T09:30:00.000Z",
     *       "payload": {
     *         "type": "job.succeeded",
     *         "data": {
     *           "jobId": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33"
     *         }
     *       }
     *     }
     */
    WebhookDelivery: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      webhookId: string;
      /**
       * Format: uuid
       * @description Sent as `webhook-id`; the same for every delivery of one event.
       */
      eventId: string;
      /** @enum {string} */
      eventType: 'job.succeeded' | 'job.failed' | 'job.requires_action' | 'document.indexed' | 'document.failed';
      /** @enum {string} */
      status: 'pending' | 'succeeded' | 'failed';
      /** Format: int32 */
      attempts: number;
      /** Format: int32 */
      lastResponseStatus: number | null;
      lastError: string | null;
      /** Format: int32 */
      lastDurationMs: number | null;
      /** Format: date-time */
      nextAttemptAt: string | null;
      /** Format: date-time */
      finishedAt: string | null;
      /** Format: date-time */
      createdAt: string;
      payload: {
        [key: string]: unknown;
      };
    };
    /**
     * @example {
     *       "data": [
     *         {
     *           "id": "6c7d8e9f-0a1b-4c2d-8e3f-4a5b6c7d8eaa",
     *           "webhookId": "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c99",
     *           "eventId": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4cbb",
     *           "eventType": "job.succeeded",
     *           "status": "succeeded",
     *           "attempts": 1,
     *           "lastResponseStatus": 200,
     *           "lastError": null,
     *           "lastDurationMs": 84,
     *           "nextAttemptAt": null,
     *           "finishedAt": "2026-11-22T09:30:00.000Z",
     *           "createdAt": "2026-11-22T09:30:00.000Z",
     *           "payload": {
     *             "type": "job.succeeded",
     *             "data": {
     *               "jobId": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33"
     *             }
     *           }
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    WebhookDeliveryPage: {
      data: components['schemas']['WebhookDelivery'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /**
     * @example {
     *       "data": [
     *         {
     *           "id": "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c99",
     *           "url": "https://example.com/hooks/copilot",
     *           "events": [
     *             "job.succeeded",
     *             "job.failed"
     *           ],
     *           "description": "CRM sync",
     *           "enabled": true,
     *           "disabledReason": null,
     *           "createdAt": "2026-11-22T09:30:00.000Z",
     *           "updatedAt": "2026-11-22T09:30:00.000Z",
     *           "links": {
     *             "deliveries": "/v1/webhooks/4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c99/deliveries"
     *           }
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    WebhookPage: {
      data: components['schemas']['Webhook'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /**
     * @example {
     *       "id": "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c99",
     *       "url": "https://example.com/hooks/copilot",
     *       "events": [
     *         "job.succeeded",
     *         "job.failed"
     *       ],
     *       "description": "CRM sync",
     *       "enabled": true,
     *       "disabledReason": null,
     *       "createdAt": "2026-11-22T09:30:00.000Z",
     *       "updatedAt": "2026-11-22T09:30:00.000Z",
     *       "links": {
     *         "deliveries": "/v1/webhooks/4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c99/deliveries"
     *       },
     *       "secret": "whsec_example-shown-once"
     *     }
     */
    WebhookWithSecret: {
      /** Format: uuid */
      id: string;
      url: string;
      events: ('job.succeeded' | 'job.failed' | 'job.requires_action' | 'document.indexed' | 'document.failed')[];
      description: string;
      enabled: boolean;
      /** @description Why the platform disabled it (e.g. 410 Gone); null when a person did. */
      disabledReason: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      links: {
        deliveries: string;
      };
      /** @description The signing secret (Standard Webhooks). Shown only in this response. */
      secret: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: {
    /** @description Requests allowed in the current window for this credential (or its tenant). */
    'RateLimit-Limit': number;
    /** @description Requests left in the current window. */
    'RateLimit-Remaining': number;
    /** @description Seconds until the window resets. */
    'RateLimit-Reset': number;
    /** @description Seconds to wait before retrying. */
    'Retry-After': number;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The process is up. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The metrics, in the Prometheus text exposition format. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example # HELP http_requests_total Requests served
           *     # TYPE http_requests_total counter
           *     http_requests_total{method="GET",route="/v1/jobs/:id",status="200"} 42
           */
          'text/plain': string;
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every dependency answers: send traffic. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency does not answer: send no traffic yet. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminListJobs: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        status?: 'queued' | 'running' | 'requires_action' | 'succeeded' | 'failed' | 'cancelled';
        tenantId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of jobs. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AdminJobPage'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential is not an API key holding `platform:admin`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminGetJob: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AdminJob'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential is not an API key holding `platform:admin`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminRetryJob: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job, queued again. */
      202: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AdminJob'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential is not an API key holding `platform:admin`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The job has not failed. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminListSchedules: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every recurring task. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScheduleList'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential is not an API key holding `platform:admin`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listApiKeys: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of keys. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyPage'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createApiKey: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          scopes: ('chat:read' | 'chat:write' | 'documents:read' | 'documents:write' | 'admin' | 'platform:admin')[];
          /** Format: date-time */
          expiresAt?: string | null;
          /** Format: int32 */
          rateLimit?: number | null;
        };
      };
    };
    responses: {
      /** @description The new key, with its secret. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyWithSecret'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks `admin`, or asked for `platform:admin` (only the operator CLI grants it). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeApiKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The revoked key. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKey'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks `admin`, or the key holds `platform:admin` (revoked only with the CLI). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rotateApiKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /**
           * Format: int32
           * @default 86400
           */
          gracePeriodSeconds?: number;
        };
      };
    };
    responses: {
      /** @description The successor key, with its secret. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyWithSecret'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks `admin`, or the key holds `platform:admin` (rotated only with the CLI). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key was already rotated: rotate its successor (`replacedById`) instead. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAuditEvents: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        action?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of audit events. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditEventPage'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCollections: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of collections. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CollectionPage'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createCollection: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          /** @default  */
          description?: string;
          embeddingModel?: string;
          /**
           * @default english
           * @enum {string}
           */
          language?:
            | 'simple'
            | 'danish'
            | 'dutch'
            | 'english'
            | 'finnish'
            | 'french'
            | 'german'
            | 'hungarian'
            | 'italian'
            | 'norwegian'
            | 'portuguese'
            | 'romanian'
            | 'russian'
            | 'spanish'
            | 'swedish'
            | 'turkish';
        };
      };
    };
    responses: {
      /** @description The new collection. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Collection'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCollection: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The collection. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Collection'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteCollection: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateCollection: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          description?: string;
          embeddingModel?: string;
          /** @enum {string} */
          language?:
            | 'simple'
            | 'danish'
            | 'dutch'
            | 'english'
            | 'finnish'
            | 'french'
            | 'german'
            | 'hungarian'
            | 'italian'
            | 'norwegian'
            | 'portuguese'
            | 'romanian'
            | 'russian'
            | 'spanish'
            | 'swedish'
            | 'turkish';
        };
      };
    };
    responses: {
      /** @description The updated collection. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Collection'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listDocuments: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of documents. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentPage'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  addDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json':
          | {
              title: string;
              text: string;
              /** @description Key/values for search filters (`filter.metadata` of POST /v1/search): at most 32. */
              metadata?: {
                [key: string]: string | number | boolean;
              };
            }
          | {
              /** Format: uri */
              url: string;
              title?: string;
              /** @description Key/values for search filters (`filter.metadata` of POST /v1/search): at most 32. */
              metadata?: {
                [key: string]: string | number | boolean;
              };
            };
        'multipart/form-data': {
          /**
           * Format: binary
           * @description PDF, DOCX, HTML, Markdown or text.
           */
          file: string;
          /** @description Defaults to the title found in the file, or its name. */
          title?: string;
          /** @description A JSON object of key/values (strings, numbers, booleans) for search filters, e.g. `{"team":"support"}`. */
          metadata?: string;
        };
      };
    };
    responses: {
      /** @description The same content is already in this collection: that document, no new job. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentAccepted'];
        };
      };
      /** @description The document is stored and being ingested. */
      202: {
        headers: {
          /** @description The job to follow: /v1/jobs/{id}. */
          Location?: string;
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentAccepted'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The document is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listConversations: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of conversations. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConversationPage'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createConversation: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          title?: string | null;
          metadata?: {
            [key: string]: unknown;
          };
          /** Format: uuid */
          copilotId?: string | null;
        };
      };
    };
    responses: {
      /** @description The new conversation. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Conversation'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getConversation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The conversation. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Conversation'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteConversation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A reply is still being generated in this conversation; the problem names its jobId. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listMessages: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of messages. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MessagePage'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postMessage: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retried POST safe: a repeat within 24 h returns the first response (the same key with another body: 422). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          content: string;
          collectionIds?: string[];
        };
      };
    };
    responses: {
      /**
       * @description With `Accept: text/event-stream`: a `message` event (the stored message and job), then the job's events. Every event has an `id:`; reconnect with `Last-Event-ID` to resume after it. Comment lines keep the connection alive. Each SSE event, parsed (`type` from `event:`, `data` from `data:`, `id` from `id:`), has the schema given here. On the wire:
       *
       *     ```
       *     : stream open
       *
       *     id: 1763803800000-0
       *     event: status
       *     data: {"status":"running","attempt":1}
       *
       *     id: 1763803800012-0
       *     event: token
       *     data: {"text":"Refunds take"}
       *
       *     id: 1763803800950-0
       *     event: done
       *     data: {"status":"succeeded","messageId":"8c0d0a3e-2b0f-4d4f-9a3b-5a1e7d2c9b22"}
       *     ```
       */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "token",
           *       "id": "1763803800012-0",
           *       "data": {
           *         "text": "Refunds take"
           *       }
           *     }
           */
          'text/event-stream': components['schemas']['MessageStreamEvent'];
        };
      };
      /** @description The message is stored and its reply is being generated. */
      202: {
        headers: {
          /** @description The job to follow: /v1/jobs/{id}. */
          Location?: string;
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MessageAccepted'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The message does not fit the model's context window (`tokens`, `available`), or the `Idempotency-Key` was first used with another request. */
      422: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget, or the tenant's token budget (`window`, `limit`, `resetAt`), is spent; or (streaming) the caller holds as many open streams as allowed. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCopilots: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of copilots. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CopilotPage'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createCopilot: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          /** @default  */
          instructions?: string;
          /** @default null */
          model?: string | null;
          /** @default null */
          temperature?: number | null;
          /**
           * Format: int32
           * @default null
           */
          maxTokens?: number | null;
          /** @default [] */
          fallbackModels?: string[];
          /** @default [] */
          collectionIds?: string[];
          /** @default [] */
          tools?: {
            name: string;
            /**
             * @default never
             * @enum {string}
             */
            approval?: 'never' | 'always';
          }[];
          /** @default auto */
          toolChoice?:
            | ('auto' | 'required' | 'none')
            | {
                name: string;
              };
          /**
           * Format: int32
           * @default 10
           */
          maxSteps?: number;
          /**
           * Format: int32
           * @default null
           */
          maxToolCalls?: number | null;
          /** @default true */
          parallelToolCalls?: boolean;
        };
      };
    };
    responses: {
      /** @description The new copilot. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Copilot'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCopilot: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The copilot. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Copilot'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteCopilot: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateCopilot: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          instructions?: string;
          model?: string | null;
          temperature?: number | null;
          /** Format: int32 */
          maxTokens?: number | null;
          fallbackModels?: string[];
          collectionIds?: string[];
          tools?: {
            name: string;
            /**
             * @default never
             * @enum {string}
             */
            approval?: 'never' | 'always';
          }[];
          toolChoice?:
            | ('auto' | 'required' | 'none')
            | {
                name: string;
              };
          /** Format: int32 */
          maxSteps?: number;
          /** Format: int32 */
          maxToolCalls?: number | null;
          parallelToolCalls?: boolean;
        };
      };
    };
    responses: {
      /** @description The updated copilot. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Copilot'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The document. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Document'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  retryDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The document is being ingested by a new job. */
      202: {
        headers: {
          /** @description The job to follow: /v1/jobs/{id}. */
          Location?: string;
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentRetried'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The document is being ingested right now. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getJob: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  approveToolCalls: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          decisions: {
            toolCallId: string;
            approve: boolean;
            reason?: string;
          }[];
        };
      };
    };
    responses: {
      /** @description The job (queued again once nothing is left waiting). */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The job is not waiting, or what it waited for expired. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  cancelJob: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job, cancelled or being aborted. */
      202: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The job has already ended. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  streamJobEvents: {
    parameters: {
      query?: {
        lastEventId?: string;
      };
      header?: {
        /** @description Resume after this event id (sent by browsers on reconnect). */
        'Last-Event-ID'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /**
       * @description The job's events, from the start or after `Last-Event-ID` / `lastEventId`. Every event has an `id:`; reconnect with `Last-Event-ID` to resume after it. Comment lines keep the connection alive. Each SSE event, parsed (`type` from `event:`, `data` from `data:`, `id` from `id:`), has the schema given here. On the wire:
       *
       *     ```
       *     : stream open
       *
       *     id: 1763803800000-0
       *     event: status
       *     data: {"status":"running","attempt":1}
       *
       *     id: 1763803800012-0
       *     event: token
       *     data: {"text":"Refunds take"}
       *
       *     id: 1763803800950-0
       *     event: done
       *     data: {"status":"succeeded","messageId":"8c0d0a3e-2b0f-4d4f-9a3b-5a1e7d2c9b22"}
       *     ```
       */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "token",
           *       "id": "1763803800012-0",
           *       "data": {
           *         "text": "Refunds take"
           *       }
           *     }
           */
          'text/event-stream': components['schemas']['JobStreamEvent'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget is spent, or the caller already holds as many open streams as allowed. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listJobSteps: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The steps. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RunStepList'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  submitToolOutputs: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          outputs: {
            toolCallId: string;
            output: string;
            isError?: boolean;
          }[];
        };
      };
    };
    responses: {
      /** @description The job (queued again once nothing is left waiting). */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The job is not waiting, or what it waited for expired. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listMcpServers: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of MCP servers. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['McpServerPage'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createMcpServer: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          /** @description Its Streamable HTTP endpoint, e.g. https://mcp.example.com/mcp. */
          url: string;
          /** @description Sent as `Authorization: Bearer` on every request; sealed at rest and never returned. */
          bearerToken?: string;
          /** @description Only these of its tools are offered to copilots; empty: all. */
          allowedTools?: string[];
          /**
           * Format: int32
           * @description For each request to the server.
           * @default 30000
           */
          timeoutMs?: number;
        };
      };
    };
    responses: {
      /** @description The server, with its tools. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['McpServer'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description An MCP server with this name exists. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The server could not be reached or did not list its tools (`mcp-server-unreachable`); nothing was stored. */
      422: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMcpServer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The server, with its tools as last listed. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['McpServer'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteMcpServer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Copilots use its tools. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateMcpServer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          /** @description Its Streamable HTTP endpoint, e.g. https://mcp.example.com/mcp. */
          url?: string;
          /** @description Sent as `Authorization: Bearer` on every request; sealed at rest and never returned. */
          bearerToken?: string | null;
          /** @description Only these of its tools are offered to copilots; empty: all. */
          allowedTools?: string[];
          /**
           * Format: int32
           * @description For each request to the server.
           */
          timeoutMs?: number;
        };
      };
    };
    responses: {
      /** @description The updated server. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['McpServer'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The new name is taken, or copilots use its tools under the old name. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The server could not be reached with the new URL or token; nothing was changed. */
      422: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  refreshMcpServer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The server, with its tools as listed now. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['McpServer'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The server could not be reached; its tools as last listed are kept. */
      422: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listProviderKeys: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The providers with a stored key (never the keys). */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProviderKeyList'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putProviderKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        provider: 'openai' | 'anthropic' | 'gemini';
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          apiKey: string;
          /** Format: uri */
          baseUrl?: string;
          models?: string[];
        };
      };
    };
    responses: {
      /** @description Stored. */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteProviderKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        provider: 'openai' | 'anthropic' | 'gemini';
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed. */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  search: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          query: string;
          collectionIds?: string[];
          /**
           * @default hybrid
           * @enum {string}
           */
          mode?: 'hybrid' | 'vector' | 'keyword';
          /**
           * Format: int32
           * @default 10
           */
          topK?: number;
          /**
           * @description The keyword half: `any` ranks chunks with any of the query's meaningful terms (stop words dropped, BM25); `all` requires every word (web-search syntax: "phrases", -exclusions).
           * @default any
           * @enum {string}
           */
          keywordMatch?: 'any' | 'all';
          /** @description Only chunks of the documents that pass every given field. */
          filter?: {
            documentIds?: string[];
            titles?: string[];
            /** @description Media types of the documents, e.g. `application/pdf`, `text/markdown` (text uploads). */
            contentTypes?: string[];
            /**
             * Format: date-time
             * @description Documents created at or after this time.
             */
            createdAfter?: string;
            /**
             * Format: date-time
             * @description Documents created before this time.
             */
            createdBefore?: string;
            /** @description Each key must have the value (or one of the values of a list) in the document metadata. */
            metadata?: {
              [key: string]: (string | number | boolean) | (string | number | boolean)[];
            };
          };
        };
      };
    };
    responses: {
      /** @description Ranked chunks with their document, heading path, offsets and score. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SearchResults'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A collection in `collectionIds` does not exist. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A collection's embedding model has no key any more (the tenant's OpenAI key was removed). */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTools: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of tools. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ToolPage'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createTool: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          /** @default  */
          description?: string;
          /**
           * @default {
           *       "type": "object",
           *       "properties": {}
           *     }
           */
          parameters?: {
            [key: string]: unknown;
          };
          /** @default null */
          http?: {
            /** @enum {string} */
            method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
            urlTemplate: string;
            /** @default {} */
            headers?: {
              [key: string]: string;
            };
          } | null;
          /** @description Headers sealed at rest and sent on every call (Authorization, API keys); never returned. */
          credentials?: {
            headers: {
              [key: string]: string;
            };
          } | null;
          /** @default false */
          idempotent?: boolean;
          /**
           * Format: int32
           * @default 30000
           */
          timeoutMs?: number;
          /** @enum {string} */
          kind: 'http' | 'client';
        };
      };
    };
    responses: {
      /** @description The new tool. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Tool'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A tool with this name exists. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getTool: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The tool. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Tool'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteTool: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Copilots use the tool. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateTool: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          description?: string;
          parameters?: {
            [key: string]: unknown;
          };
          http?: {
            /** @enum {string} */
            method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
            urlTemplate: string;
            /** @default {} */
            headers?: {
              [key: string]: string;
            };
          } | null;
          /** @description Headers sealed at rest and sent on every call (Authorization, API keys); never returned. */
          credentials?: {
            headers: {
              [key: string]: string;
            };
          } | null;
          idempotent?: boolean;
          /** Format: int32 */
          timeoutMs?: number;
        };
      };
    };
    responses: {
      /** @description The updated tool. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Tool'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The new name is taken, or copilots use the tool under its old name. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  importOpenApiTools: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description The OpenAPI 3 document: an object, or JSON or YAML text. */
          document?:
            | string
            | {
                [key: string]: unknown;
              };
          /** @description Where to fetch it (through the egress policy), instead of document. */
          url?: string;
          /** @description Only these operationIds. */
          operations?: string[];
          /** @description Where the API is; default: the document's first server. */
          baseUrl?: string;
          namePrefix?: string;
          /** @description Sealed on every imported tool. */
          credentials?: {
            headers: {
              [key: string]: string;
            };
          };
          /**
           * Format: int32
           * @default 30000
           */
          timeoutMs?: number;
        };
      };
    };
    responses: {
      /** @description The tools created, and the operations left out. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ToolImport'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A tool with one of the names exists; nothing was imported. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getUsage: {
    parameters: {
      query?: {
        from?: string;
        to?: string;
        groupBy?: 'model' | 'day';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The usage rows. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Usage'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhooks: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of webhooks. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookPage'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uri */
          url: string;
          events: ('job.succeeded' | 'job.failed' | 'job.requires_action' | 'document.indexed' | 'document.failed')[];
          /** @default  */
          description?: string;
          /** @default true */
          enabled?: boolean;
        };
      };
    };
    responses: {
      /** @description The new webhook, with its signing secret. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookWithSecret'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The webhook. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Webhook'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uri */
          url?: string;
          events?: ('job.succeeded' | 'job.failed' | 'job.requires_action' | 'document.indexed' | 'document.failed')[];
          description?: string;
          enabled?: boolean;
        };
      };
    };
    responses: {
      /** @description The updated webhook. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Webhook'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body (or the uploaded document) is larger than the api accepts. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON (or, where documented, multipart/form-data). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of deliveries. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDeliveryPage'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  redeliverWebhookDelivery: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        deliveryId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The new delivery, pending. */
      202: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDelivery'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The webhook is disabled. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rotateWebhookSecret: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The webhook, with its new signing secret. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookWithSecret'];
        };
      };
      /** @description The input is not valid: `errors` names each field and what was expected. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential, or a key that is not valid, revoked or expired, or a token that does not verify. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential lacks a scope this route needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such resource in this tenant. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A request budget or token budget is spent; retry after `Retry-After` seconds. */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getVersion: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description What is running. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BuildInfo'];
        };
      };
      /** @description Something went wrong on our side; the detail does not say what (it is logged with the request id). */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
}
