import { errorMessage } from './error-message.js';
import { FileReadError, readRegularFile, readRegularFileSync, SettledFileWatch } from './file-watch.js';
/** A list file (drains, a plan) is small: anything larger is a wrong path (a log, a device), refused. */
export const MAX_LIST_FILE_BYTES = 8 * 1024 * 1024;
/**
 * A small file of timed entries, watched: a change is applied within a second of the file settling, an
 * entry's end time when it comes, and a file that does not read or parse keeps the previous entries.
 * Read off the answering path, regular files only, never half-written; removing the file empties it.
 */
export class WatchedListFile {
    file;
    what;
    parse;
    events;
    #entries = [];
    #expiryTimer;
    #watch;
    /** `parse` throws, with file and line in its message, to refuse a file. */
    constructor(file, what, parse, events, intervalMs = 250, maxBytes = MAX_LIST_FILE_BYTES) {
        this.file = file;
        this.what = what;
        this.parse = parse;
        this.events = events;
        let version;
        try {
            const content = readRegularFileSync(file, maxBytes);
            version = content.version;
            this.#apply(content.data.toString('utf8'), false);
        }
        catch (e) {
            if (e instanceof FileReadError && e.code === 'missing')
                version = 'missing';
            else
                this.events.onError(new Error(`cannot read ${what} ${file}: ${errorMessage(e)}; none in force until it reads`));
        }
        this.#watch = new SettledFileWatch(file, {
            onSettled: async () => {
                try {
                    this.#apply((await readRegularFile(file, maxBytes)).data.toString('utf8'), true);
                }
                catch (e) {
                    this.#failed(e);
                }
            },
            onRemoved: () => this.#apply('', true),
            onError: (e) => this.events.onError(new Error(`${what} ${file}: ${e.message}; the previous one stays in force`)),
        }, intervalMs, version);
    }
    get entries() {
        return this.#entries;
    }
    /** The entries whose time has not run out. */
    inForce(nowMs = Date.now()) {
        return this.#entries.filter((e) => e.untilMs === undefined || e.untilMs > nowMs);
    }
    close() {
        this.#watch.close();
        clearTimeout(this.#expiryTimer);
    }
    #apply(text, notify) {
        try {
            this.#entries = this.parse(text);
        }
        catch (e) {
            this.events.onError(new Error(`${errorMessage(e)}; the previous ${this.what} stays in force`));
            return;
        }
        this.#scheduleExpiry();
        if (!notify)
            return;
        try {
            this.events.onChange();
        }
        catch (e) {
            this.events.onError(new Error(`${this.what} ${this.file}: applying it failed: ${errorMessage(e)}`));
        }
    }
    #failed(e) {
        if (e instanceof FileReadError && e.code === 'missing') {
            this.#apply('', true);
            return;
        }
        // Changed while read: the watch reports it again once it settles.
        if (e instanceof FileReadError && e.code === 'changed') {
            this.#watch.again();
            return;
        }
        this.events.onError(new Error(`cannot read ${this.what} ${this.file}: ${errorMessage(e)}; the previous one stays in force`));
    }
    #scheduleExpiry() {
        clearTimeout(this.#expiryTimer);
        const now = Date.now();
        let next;
        for (const e of this.#entries)
            if (e.untilMs !== undefined && e.untilMs > now && (next === undefined || e.untilMs < next))
                next = e.untilMs;
        if (next === undefined)
            return;
        this.#expiryTimer = setTimeout(() => {
            // A fault in what the change drives must not end a running map from a timer.
            try {
                this.events.onChange();
            }
            catch (e) {
                this.events.onError(new Error(`${this.what} ${this.file}: applying an entry's end failed: ${errorMessage(e)}`));
            }
            finally {
                this.#scheduleExpiry();
            }
        }, Math.min(next - now + 5, 2 ** 31 - 1));
        this.#expiryTimer.unref();
    }
}
/** When the next entry still in force ends, or undefined. */
export function nextExpiry(entries, nowMs) {
    let next;
    for (const e of entries)
        if (e.untilMs !== undefined && e.untilMs > nowMs && (next === undefined || e.untilMs < next))
            next = e.untilMs;
    return next;
}
//# sourceMappingURL=watched-list-file.js.map