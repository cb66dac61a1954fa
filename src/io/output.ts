import type { Writable } from 'node:stream';

/** How the standard output ended: everything written, the reader gone (`| head`), or a write failed (disk full). */
export type OutputEnd = 'written' | 'reader-closed' | 'failed';

/** The exit status when the reader went away first, as a shell reports a process ended by SIGPIPE. */
export const EXIT_READER_CLOSED = 141;

interface NodeError extends Error {
  readonly code?: string;
}

/** What an output's error (or none) means: the reader went away, or a write failed. */
export function outputEndAfter(error: unknown): OutputEnd {
  if (error === undefined) return 'written';
  const code = (error as NodeError).code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' ? 'reader-closed' : 'failed';
}

/**
 * Tracks one output stream's fate: its first error is kept (never thrown: a closed pipe must not
 * print a stack trace), and `finished()` settles once every queued byte has reached the reader.
 */
export class OutputWatch {
  #error: NodeError | undefined;

  constructor(private readonly stream: Writable) {
    stream.on('error', (e: NodeError) => {
      this.#error ??= e;
    });
  }

  /** What became of the output so far: `written` while nothing went wrong. */
  get end(): OutputEnd {
    return outputEndAfter(this.#error);
  }

  get error(): Error | undefined {
    return this.#error;
  }

  /** Settles once the reader has caught up enough to take more (or the output failed). */
  async ready(): Promise<OutputEnd> {
    if (this.#error === undefined && !this.stream.destroyed && this.stream.writableNeedDrain) await this.#progress();
    return this.end;
  }

  /** Settles once every queued byte is out, or the output failed. */
  async finished(): Promise<OutputEnd> {
    const { stream } = this;
    // A write that failed at once (a full disk) reports it on a later tick.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.#error === undefined && !stream.destroyed && stream.writableLength > 0) {
      // 'drain' fires only after a refused write: an empty write's callback comes once all before it is out.
      await this.#progress((done) => stream.write('', () => done()));
    }
    return this.end;
  }

  #progress(start: (done: () => void) => void = () => undefined): Promise<void> {
    const { stream } = this;
    return new Promise<void>((resolve) => {
      const done = (): void => {
        stream.off('drain', done);
        stream.off('error', done);
        stream.off('close', done);
        resolve();
      };
      stream.once('drain', done);
      stream.once('error', done);
      stream.once('close', done);
      start(done);
    });
  }
}

/** The status to exit with once output has ended: a mode's own status stands unless a write failed. */
export function exitStatusAfter(status: number, end: OutputEnd): number {
  // A reader that went away is the mode's to judge (a map's reader stopping is its normal end).
  if (end === 'failed') return status === 0 ? 1 : status;
  return status;
}
