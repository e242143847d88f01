export { chunkDocument, type ChunkOptions } from './chunk-document';
