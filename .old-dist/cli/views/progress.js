/**
 * A one-line progress counter on a terminal's stderr, redrawn a few times a second: lines, lines/s,
 * and, when the input's size is known, its share and an ETA. Silent when stderr is not a terminal.
 */
export class Progress {
    stream;
    totalBytes;
    #lines = 0;
    #bytes = 0;
    #timer;
    #started = performance.now();
    constructor(stream, totalBytes, intervalMs = 250) {
        this.stream = stream;
        this.totalBytes = totalBytes;
        this.#timer = setInterval(() => this.#draw(), intervalMs);
        this.#timer.unref();
    }
    lines(n) {
        this.#lines += n;
    }
    bytes(n) {
        this.#bytes += n;
    }
    /** Clears the line: what comes next starts on a clean one. */
    stop() {
        clearInterval(this.#timer);
        this.#timer = undefined;
        this.stream.write('\r\x1b[K');
    }
    #draw() {
        const seconds = (performance.now() - this.#started) / 1000;
        const rate = seconds > 0 ? this.#lines / seconds : 0;
        let text = `${this.#lines} lines, ${Math.round(rate)} lines/s`;
        if (this.totalBytes && this.totalBytes > 0) {
            const share = Math.min(1, this.#bytes / this.totalBytes);
            const eta = share > 0 ? (seconds / share) * (1 - share) : undefined;
            text += `, ${(share * 100).toFixed(1)} %${eta === undefined ? '' : `, ETA ${Math.ceil(eta)} s`}`;
        }
        this.stream.write(`\r\x1b[K${text}`);
    }
}
//# sourceMappingURL=progress.js.map