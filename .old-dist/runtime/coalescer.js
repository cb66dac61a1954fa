/**
 * Runs one job for a burst of pokes: the job starts once pokes have been quiet for `quietMs`, or
 * `maxDelayMs` after the first of them, whichever comes first; pokes while it runs start one more run
 * after it. Runs never overlap, and a job's failure is the job's to report: it never escapes a timer.
 */
export class Coalescer {
    quietMs;
    maxDelayMs;
    job;
    #timer;
    #firstPokeMs;
    #running;
    #again = false;
    #reasons = [];
    #stopped = false;
    constructor(quietMs, maxDelayMs, job) {
        this.quietMs = quietMs;
        this.maxDelayMs = maxDelayMs;
        this.job = job;
    }
    /** Something changed: a run will follow, shared with whatever else changes meanwhile. */
    poke(reason) {
        if (this.#stopped)
            return;
        if (!this.#reasons.includes(reason))
            this.#reasons.push(reason);
        if (this.#running) {
            this.#again = true;
            return;
        }
        const now = performance.now();
        this.#firstPokeMs ??= now;
        clearTimeout(this.#timer);
        const wait = Math.max(0, Math.min(this.quietMs, this.#firstPokeMs + this.maxDelayMs - now));
        this.#timer = setTimeout(() => this.#run(), wait);
    }
    /**
     * Settles once no run is going or due: a run already going is finished, and one that was due (poked
     * during it, or waiting out its quiet time) is run at once after it, so that what is in force at the
     * end follows the last change. Pokes after stop() are ignored.
     */
    async stop() {
        this.#stopped = true;
        let due = this.#timer !== undefined;
        clearTimeout(this.#timer);
        this.#timer = undefined;
        while (this.#running)
            await this.#running;
        due ||= this.#again;
        this.#again = false;
        if (!due)
            return;
        const reasons = this.#reasons;
        this.#reasons = [];
        await this.job(reasons).catch(() => undefined);
    }
    #run() {
        this.#timer = undefined;
        this.#firstPokeMs = undefined;
        const reasons = this.#reasons;
        this.#reasons = [];
        this.#running = this.job(reasons)
            .catch(() => undefined)
            .finally(() => {
            this.#running = undefined;
            if (this.#again && !this.#stopped) {
                this.#again = false;
                // What came in during the run is written now: it has waited long enough already.
                this.#firstPokeMs = performance.now() - this.maxDelayMs;
                this.poke(this.#reasons[0] ?? 'changed while writing');
            }
        });
    }
}
//# sourceMappingURL=coalescer.js.map