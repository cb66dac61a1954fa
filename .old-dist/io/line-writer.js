import { OutputWatch } from './output.js';
/** Text is gathered into writes of about this size: one syscall per chunk, not per line. */
export const CHUNK_BYTES = 1 << 16;
/**
 * The one way lines reach an output: gathered into chunks, written when a chunk is full or on flush,
 * the reader's pace respected (add() says when it is behind; ready() waits for it), the output's first
 * error kept, and finished() settling only once every byte is out, so nothing is lost at exit.
 */
export class LineWriter {
    out;
    encoding;
    chunkBytes;
    #watch;
    #pending = [];
    #pendingBytes = 0;
    constructor(out, encoding = 'utf8', chunkBytes = CHUNK_BYTES) {
        this.out = out;
        this.encoding = encoding;
        this.chunkBytes = chunkBytes;
        this.#watch = new OutputWatch(out);
    }
    /** How the output stands: `written` while nothing went wrong. */
    get end() {
        return this.#watch.end;
    }
    get error() {
        return this.#watch.error;
    }
    /** Queues text; a full chunk is written. False when the reader is behind: wait for ready(). */
    add(text) {
        this.#pending.push(text);
        this.#pendingBytes += text.length;
        return this.#pendingBytes >= this.chunkBytes ? this.flush() : !this.out.writableNeedDrain;
    }
    /** Writes text now, after what is queued: a map's answers go out as soon as they are known. */
    write(text) {
        this.#pending.push(text);
        this.#pendingBytes += text.length;
        return this.flush();
    }
    /** Writes what is queued now. False when the reader is behind. */
    flush() {
        if (this.#pending.length === 0)
            return !this.out.writableNeedDrain;
        const text = this.#pending.length === 1 ? this.#pending[0] : this.#pending.join('');
        this.#pending = [];
        this.#pendingBytes = 0;
        if (this.out.destroyed || this.out.writableEnded)
            return false;
        return this.out.write(text, this.encoding);
    }
    /** Writes bytes as they are, after what is queued. */
    addBytes(data) {
        this.flush();
        if (this.out.destroyed || this.out.writableEnded)
            return false;
        return this.out.write(data);
    }
    /** Settles once the reader can take more (or the output failed). */
    ready() {
        return this.#watch.ready();
    }
    /** Writes what is queued and settles once every byte is out, or the output failed. */
    finished() {
        this.flush();
        return this.#watch.finished();
    }
}
//# sourceMappingURL=line-writer.js.map