import { Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { validate } from '@copilot/http';
import { DocumentService } from '@copilot/retrieval';
import type { FastifyReply } from 'fastify';
import { presentJob } from '../presenters';
import { RequestId } from '../request-context';
import { idParam } from '../request-schemas';
import { presentDocument } from './knowledge.presenters';
import { ApiTags } from '@nestjs/swagger';
import { ApiAccepted, ApiJson, ApiNoContent, ApiProblemResponses, ApiRoute } from '../openapi/api-docs.decorators';
import { Document, DocumentRetried } from '../openapi/knowledge.responses';

@ApiTags('Knowledge')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentService) {}

  /** Stage (queued, parsing, chunking, embedding, indexed, failed), progress and error. */
  @Get(':id')
  @Scopes('documents:read')
  @ApiRoute('getDocument', 'Get a document: ingest stage, progress and error')
  @ApiJson(200, Document, 'The document.')
  @ApiProblemResponses(404)
  async get(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string) {
    return presentDocument(await this.documents.get(auth.tenantId, id));
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes('documents:write')
  @ApiRoute('deleteDocument', 'Delete a document and its chunks')
  @ApiNoContent('Deleted.')
  @ApiProblemResponses(404)
  async delete(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string) {
    await this.documents.delete(auth.tenantId, id);
  }

  /** Ingests a failed (or re-ingests an indexed) document again: 202 with the new job. */
  @Post(':id/retry')
  @HttpCode(202)
  @Scopes('documents:write')
  @ApiRoute('retryDocument', 'Ingest a failed (or re-ingest an indexed) document again')
  @ApiAccepted(DocumentRetried, 'The document is being ingested by a new job.')
  @ApiProblemResponses(404, [409, 'The document is being ingested right now.'])
  async retry(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) id: string,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { document, job } = await this.documents.retry(auth.tenantId, id, requestId);
    void reply.header('location', `/v1/jobs/${job.id}`);
    return { document: presentDocument(document), job: presentJob(job) };
  }
}
