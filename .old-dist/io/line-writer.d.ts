import type { Writable } from 'node:stream';
import { type OutputEnd } from './output.js';
/** Text is gathered into writes of about this size: one syscall per chunk, not per line. */
export declare const CHUNK_BYTES: number;
/**
 * The one way lines reach an output: gathered into chunks, written when a chunk is full or on flush,
 * the reader's pace respected (add() says when it is behind; ready() waits for it), the output's first
 * error kept, and finished() settling only once every byte is out, so nothing is lost at exit.
 */
export declare class LineWriter {
    #private;
    private readonly out;
    private readonly encoding;
    private readonly chunkBytes;
    constructor(out: Writable, encoding?: BufferEncoding, chunkBytes?: number);
    /** How the output stands: `written` while nothing went wrong. */
    get end(): OutputEnd;
    get error(): Error | undefined;
    /** Queues text; a full chunk is written. False when the reader is behind: wait for ready(). */
    add(text: string): boolean;
    /** Writes text now, after what is queued: a map's answers go out as soon as they are known. */
    write(text: string): boolean;
    /** Writes what is queued now. False when the reader is behind. */
    flush(): boolean;
    /** Writes bytes as they are, after what is queued. */
    addBytes(data: Uint8Array): boolean;
    /** Settles once the reader can take more (or the output failed). */
    ready(): Promise<OutputEnd>;
    /** Writes what is queued and settles once every byte is out, or the output failed. */
    finished(): Promise<OutputEnd>;
}
