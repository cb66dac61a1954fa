import { closeSync, constants, fstatSync, openSync, readSync, unwatchFile, watchFile } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { errorMessage } from './error-message.js';
/** What identifies one version of a file: a rename, a rewrite in place and an append all change it. */
export function versionOf(stats) {
    return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}
/** A file that cannot be read as asked: not there, not a regular file, too large, unreadable. */
export class FileReadError extends Error {
    file;
    code;
    constructor(file, code, message) {
        super(message);
        this.file = file;
        this.code = code;
        this.name = 'FileReadError';
    }
}
// O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused as not a regular file.
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;
function refuseUnlessRegular(file, stats, maxBytes) {
    if (!stats.isFile())
        throw new FileReadError(file, 'not-regular', `${file} is not a regular file`);
    if (stats.size > maxBytes)
        throw new FileReadError(file, 'too-large', `${file} is ${stats.size} bytes, more than the ${maxBytes} allowed`);
}
function readFailure(file, e) {
    if (e instanceof FileReadError)
        return e;
    const code = e.code;
    return new FileReadError(file, code === 'ENOENT' ? 'missing' : 'unreadable', `cannot read ${file}: ${errorMessage(e)}`);
}
/** Reads a small regular file whole, at start-up (before any answer is due); devices, FIFOs and huge files are refused. */
export function readRegularFileSync(file, maxBytes) {
    let fd;
    try {
        fd = openSync(file, READ_FLAGS);
        const stats = fstatSync(fd);
        refuseUnlessRegular(file, stats, maxBytes);
        const data = Buffer.alloc(stats.size);
        let got = 0;
        while (got < data.length) {
            const n = readSync(fd, data, got, data.length - got, got);
            if (n === 0)
                break;
            got += n;
        }
        return { data: data.subarray(0, got), version: versionOf(stats) };
    }
    catch (e) {
        throw readFailure(file, e);
    }
    finally {
        if (fd !== undefined)
            closeSync(fd);
    }
}
/**
 * Reads a regular file whole without blocking the event loop; refused when it changed while being
 * read (a file rewritten in place is read again once it is stable, never applied half-written).
 */
export async function readRegularFile(file, maxBytes) {
    let handle;
    try {
        handle = await open(file, READ_FLAGS);
        const before = await handle.stat();
        refuseUnlessRegular(file, before, maxBytes);
        const data = Buffer.alloc(before.size);
        let got = 0;
        while (got < data.length) {
            const { bytesRead } = await handle.read(data, got, Math.min(data.length - got, 1 << 20), got);
            if (bytesRead === 0)
                break;
            got += bytesRead;
        }
        const after = await handle.stat();
        if (got !== before.size || versionOf(after) !== versionOf(before))
            throw new FileReadError(file, 'changed', `${file} changed while it was read`);
        return { data, version: versionOf(before) };
    }
    catch (e) {
        throw readFailure(file, e);
    }
    finally {
        await handle?.close();
    }
}
/**
 * One file, polled every `intervalMs` (works across renames and on any filesystem). A change is
 * reported only once the file has stopped changing for a whole interval: a file rewritten in place is
 * never taken half-written. Handlers run one at a time; a throw is reported, never propagated.
 */
export class SettledFileWatch {
    file;
    events;
    intervalMs;
    #seen;
    #reported;
    #timer;
    #running = false;
    #closed = false;
    #listener = (current) => this.#changed(current);
    constructor(file, events, intervalMs = 250, 
    /** The version already in force (read at start), so that an unchanged file is not reported. */
    initialVersion) {
        this.file = file;
        this.events = events;
        this.intervalMs = intervalMs;
        this.#reported = initialVersion;
        watchFile(file, { interval: intervalMs, persistent: false }, this.#listener);
        // watchFile compares against its own first look, taken later: a change made between the read at
        // start and that look would never be reported. One check after an interval closes the gap.
        if (initialVersion !== undefined)
            this.#schedule();
    }
    /** Reports the file as it is now at the next check, even if unchanged (e.g. a retry after a failed read). */
    again() {
        this.#reported = undefined;
        this.#schedule();
    }
    close() {
        this.#closed = true;
        clearTimeout(this.#timer);
        unwatchFile(this.file, this.#listener);
    }
    #changed(current) {
        this.#seen = versionOf(current);
        this.#schedule();
    }
    #schedule() {
        if (this.#closed)
            return;
        clearTimeout(this.#timer);
        const seenThen = this.#seen;
        this.#timer = setTimeout(() => void this.#check(seenThen), this.intervalMs);
        this.#timer.unref();
    }
    async #check(seenThen) {
        if (this.#closed)
            return;
        if (this.#running)
            return this.#schedule();
        const now = await stat(this.file).catch(() => undefined);
        const version = now ? versionOf(now) : 'missing';
        // Still changing: wait for it to stop.
        if (seenThen !== undefined && now && version !== seenThen) {
            this.#seen = version;
            return this.#schedule();
        }
        if (version === this.#reported)
            return;
        this.#running = true;
        try {
            this.#reported = version;
            await (now ? this.events.onSettled(now) : this.events.onRemoved());
        }
        catch (e) {
            this.events.onError(e instanceof Error ? e : new Error(errorMessage(e)));
        }
        finally {
            this.#running = false;
        }
    }
}
//# sourceMappingURL=file-watch.js.map