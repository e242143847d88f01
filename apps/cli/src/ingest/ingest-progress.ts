import { MultiBar, Presets, type SingleBar } from 'cli-progress';

export const TERMINAL_STAGES = ['indexed', 'failed'];

export interface TrackedDocument {
  file: string;
  documentId: string;
  stage: string;
  progress: number;
}

/**
 * One bar per document on stderr while people watch a terminal; otherwise one
 * line as each document ends, which reads well in CI logs.
 */
export class IngestProgress {
  private readonly bars = new Map<string, SingleBar>();
  private readonly multibar?: MultiBar;
  private readonly ended = new Set<string>();

  constructor(
    documents: TrackedDocument[],
    private readonly quiet: boolean,
  ) {
    if (quiet || !process.stderr.isTTY) return;
    this.multibar = new MultiBar(
      { format: ' {bar} {percentage}% | {stage} | {file}', hideCursor: true, clearOnComplete: false },
      Presets.shades_classic,
    );
    const width = Math.max(...documents.map((d) => d.file.length));
    for (const d of documents)
      this.bars.set(
        d.documentId,
        this.multibar.create(100, d.progress, { stage: d.stage.padEnd(9), file: d.file.padEnd(width) }),
      );
  }

  update(document: TrackedDocument): void {
    this.bars.get(document.documentId)?.update(document.progress, { stage: document.stage.padEnd(9) });
    if (this.multibar || this.quiet || !TERMINAL_STAGES.includes(document.stage) || this.ended.has(document.documentId))
      return;
    this.ended.add(document.documentId);
    process.stderr.write(`${document.stage}: ${document.file}\n`);
  }

  stop(): void {
    this.multibar?.stop();
  }
}
