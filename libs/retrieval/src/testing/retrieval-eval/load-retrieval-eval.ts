import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { docxFromText, pdfFromText } from './office-files';

/** One document of the evaluation corpus, as an upload would send it. */
export interface EvalDocument {
  filename: string;
  mediaType: string;
  bytes: Buffer;
}

/** A question as a user asks it, with the file names of the documents that answer it (any one counts). */
export interface EvalQuestion {
  question: string;
  expected: string[];
}

export interface RetrievalEval {
  documents: EvalDocument[];
  questions: EvalQuestion[];
}

const MEDIA_TYPES: Record<string, string> = {
  '.md': 'text/markdown',
  '.html': 'text/html',
  '.txt': 'text/plain',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const DIRECTORY = join(__dirname, 'documents');

/**
 * The retrieval evaluation set (see README.md here): 52 documents of a fictional
 * company's knowledge base in five formats, and the questions users ask of them.
 * `documentCount` keeps the first documents by file name and the questions that one
 * of them answers (the expected list trimmed to those), for quicker subset runs.
 */
export async function loadRetrievalEval(documentCount?: number): Promise<RetrievalEval> {
  const sources = readdirSync(DIRECTORY).sort();
  const documents: EvalDocument[] = [];
  for (const source of sources.slice(0, documentCount ?? sources.length)) {
    const text = readFileSync(join(DIRECTORY, source));
    const built = /\.(pdf|docx)\.txt$/.exec(source);
    const filename = built ? source.slice(0, -'.txt'.length) : source;
    const bytes = !built
      ? text
      : built[1] === 'pdf'
        ? pdfFromText(text.toString('utf8'))
        : await docxFromText(text.toString('utf8'));
    documents.push({ filename, mediaType: MEDIA_TYPES[extname(filename)]!, bytes });
  }
  const present = new Set(documents.map((d) => d.filename));
  const all = JSON.parse(readFileSync(join(__dirname, 'questions.json'), 'utf8')) as EvalQuestion[];
  const questions = all
    .map((q) => ({ question: q.question, expected: q.expected.filter((name) => present.has(name)) }))
    .filter((q) => q.expected.length > 0);
  return { documents, questions };
}
