/**
 * Diagnostics on stderr, one line each with a recognisable prefix (under Apache they land in the
 * error log). Repeated warnings of one kind are rate-limited and the suppressed ones counted. A broken
 * stderr silences the log and nothing else: answers go on.
 */
export class Logger {
    stream;
    intervalMs;
    now;
    #lastByKind = new Map();
    #announcedProblems = new Set();
    #prefix;
    #broken = false;
    constructor(stream, intervalMs = 10_000, now = Date.now, prefix = `supersparrow[${process.pid}]: `) {
        this.stream = stream;
        this.intervalMs = intervalMs;
        this.now = now;
        this.#prefix = prefix;
        stream.on('error', () => {
            this.#broken = true;
        });
    }
    line(text) {
        this.raw(`${this.#prefix}${text.replace(/[\r\n]+/g, ' ')}\n`);
    }
    raw(text) {
        if (this.#broken || this.stream.destroyed || this.stream.writableEnded)
            return;
        try {
            this.stream.write(text.endsWith('\n') ? text : `${text}\n`);
        }
        catch {
            this.#broken = true;
        }
    }
    /** Logs at most once per interval for each kind; returns whether the line was written. */
    warnLimited(kind, text) {
        const now = this.now();
        const last = this.#lastByKind.get(kind);
        if (last && now - last.at < this.intervalMs) {
            last.suppressed++;
            return false;
        }
        const suppressed = last?.suppressed ?? 0;
        this.#lastByKind.set(kind, { at: now, suppressed: 0 });
        this.line(suppressed > 0 ? `${text} (${suppressed} similar suppressed)` : text);
        return true;
    }
    /** A state gone wrong (`key`: what is in it), rate-limited like warnLimited. */
    problem(key, text) {
        if (this.warnLimited(key, text))
            this.#announcedProblems.add(key);
    }
    /**
     * The same state right again: logged whenever its problem was, so that every "not answering" in a
     * log has its "answers again"; otherwise only when `always`.
     */
    recovered(key, text, always = false) {
        if (this.#announcedProblems.delete(key) || always)
            this.line(text);
    }
}
//# sourceMappingURL=log.js.map