/** The exit status when the reader went away first, as a shell reports a process ended by SIGPIPE. */
export const EXIT_READER_CLOSED = 141;
/** What an output's error (or none) means: the reader went away, or a write failed. */
export function outputEndAfter(error) {
    if (error === undefined)
        return 'written';
    const code = error.code;
    return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' ? 'reader-closed' : 'failed';
}
/**
 * Tracks one output stream's fate: its first error is kept (never thrown: a closed pipe must not
 * print a stack trace), and `finished()` settles once every queued byte has reached the reader.
 */
export class OutputWatch {
    stream;
    #error;
    constructor(stream) {
        this.stream = stream;
        stream.on('error', (e) => {
            this.#error ??= e;
        });
    }
    /** What became of the output so far: `written` while nothing went wrong. */
    get end() {
        return outputEndAfter(this.#error);
    }
    get error() {
        return this.#error;
    }
    /** Settles once the reader has caught up enough to take more (or the output failed). */
    async ready() {
        if (this.#error === undefined && !this.stream.destroyed && this.stream.writableNeedDrain)
            await this.#progress();
        return this.end;
    }
    /** Settles once every queued byte is out, or the output failed. */
    async finished() {
        const { stream } = this;
        // A write that failed at once (a full disk) reports it on a later tick.
        await new Promise((resolve) => setImmediate(resolve));
        if (this.#error === undefined && !stream.destroyed && stream.writableLength > 0) {
            // 'drain' fires only after a refused write: an empty write's callback comes once all before it is out.
            await this.#progress((done) => stream.write('', () => done()));
        }
        return this.end;
    }
    #progress(start = () => undefined) {
        const { stream } = this;
        return new Promise((resolve) => {
            const done = () => {
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
export function exitStatusAfter(status, end) {
    // A reader that went away is the mode's to judge (a map's reader stopping is its normal end).
    if (end === 'failed')
        return status === 0 ? 1 : status;
    return status;
}
//# sourceMappingURL=output.js.map