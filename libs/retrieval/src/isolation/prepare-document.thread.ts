import { parentPort } from 'node:worker_threads';
import type * as PrepareModule from '../ingest/prepare-document';
import { type PrepareReply, type PrepareRequest, serializeError } from './prepare-protocol';
import { INGEST_NICE, lowerThreadPriority } from './thread-priority';

// The ingest thread: prepares one document at a time for IngestThreadPool. A
// document that exhausts this thread's heap, or its time, ends the thread, never
// the worker process or its event loop.
const port = parentPort!;
const reply = (message: PrepareReply) => port.postMessage(message);

// Ingest is background work: at the lowest CPU priority, this thread yields the cores
// to the main thread's chat streams (bench ingest-isolation: TTFT p50 beside hostile
// documents 2.6x idle at nice 0, 1.3-1.5x at 19). Set before the parsers and the
// tokenizer load, a few hundred milliseconds of CPU on every new thread. The pool
// lowers the process's helper threads (GC, libuv) likewise.
lowerThreadPriority(INGEST_NICE);
const { prepareDocument } = require('../ingest/prepare-document') as typeof PrepareModule;

// Loaded: the pool starts a document's clock from here.
port.postMessage({ ready: true });

port.on('message', (request: PrepareRequest) => {
  // Cloned across the boundary as a Uint8Array: the parsers expect a Buffer.
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  prepareDocument({ ...request, bytes }, () => reply({ id: request.id, stage: 'chunking' })).then(
    (document) => reply({ id: request.id, stage: 'done', document }),
    (error: unknown) => reply({ id: request.id, stage: 'failed', error: serializeError(error) }),
  );
});
