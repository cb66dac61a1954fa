import type { Writable } from 'node:stream';
import { type OutputEnd, OutputWatch } from './output.js';

/** Text is gathered into writes of about this size: one syscall per chunk, not per line. */
export const CHUNK_BYTES = 1 << 16;

/**
 * The one way lines reach an output: gathered into chunks, written when a chunk is full or on flush,
 * the reader's pace respected (add() says when it is behind; ready() waits for it), the output's first
 * error kept, and finished() settling only once every byte is out, so nothing is lost at exit.
 */
export class LineWriter {
  readonly #watch: OutputWatch;
  #pending: string[] = [];
  #pendingBytes = 0;

  constructor(
    private readonly out: Writable,
    private readonly encoding: BufferEncoding = 'utf8',
    private readonly chunkBytes = CHUNK_BYTES,
  ) {
    this.#watch = new OutputWatch(out);
  }

  /** How the output stands: `written` while nothing went wrong. */
  get end(): OutputEnd {
    return this.#watch.end;
  }

  get error(): Error | undefined {
    return this.#watch.error;
  }

  /** Queues text; a full chunk is written. False when the reader is behind: wait for ready(). */
  add(text: string): boolean {
    this.#pending.push(text);
    this.#pendingBytes += text.length;
    return this.#pendingBytes >= this.chunkBytes ? this.flush() : !this.out.writableNeedDrain;
  }

  /** Writes text now, after what is queued: a map's answers go out as soon as they are known. */
  write(text: string): boolean {
    this.#pending.push(text);
    this.#pendingBytes += text.length;
    return this.flush();
  }

  /** Writes what is queued now. False when the reader is behind. */
  flush(): boolean {
    if (this.#pending.length === 0) return !this.out.writableNeedDrain;
    const text = this.#pending.length === 1 ? this.#pending[0]! : this.#pending.join('');
    this.#pending = [];
    this.#pendingBytes = 0;
    if (this.out.destroyed || this.out.writableEnded) return false;
    return this.out.write(text, this.encoding);
  }

  /** Writes bytes as they are, after what is queued. */
  addBytes(data: Uint8Array): boolean {
    this.flush();
    if (this.out.destroyed || this.out.writableEnded) return false;
    return this.out.write(data);
  }

  /** Settles once the reader can take more (or the output failed). */
  ready(): Promise<OutputEnd> {
    return this.#watch.ready();
  }

  /** Writes what is queued and settles once every byte is out, or the output failed. */
  finished(): Promise<OutputEnd> {
    this.flush();
    return this.#watch.finished();
  }
}
