import { open, stat } from 'node:fs/promises';
import { errorMessage } from '../io/error-message.js';
import { LineSplitter } from '../io/line-splitter.js';
/** Longer lines are left out: no access log line is, and memory stays bounded. */
const MAX_LINE_BYTES = 64 * 1024;
const CHUNK_BYTES = 1 << 20;
/** One file's read per turn stops here, so that the others get their turn. */
const MAX_BYTES_PER_TURN = 64 << 20;
/**
 * Files followed as `tail -F -n 0` follows them: from their end at start, by name. A file renamed
 * away (rotation) is read to its end through the descriptor still open, so lines written before a
 * rotation that compresses and removes it are not lost, then the new file under the name is read from
 * its start; a file cut shorter (copytruncate) is read again from its start; a file that is missing
 * is waited for. Polled: one turn at a time, never overlapping; a handler that throws is reported,
 * and following goes on.
 */
export class LogFollower {
    events;
    pollMs;
    #files;
    #timer;
    #turn;
    #stopped = false;
    constructor(files, events, pollMs = 250) {
        this.events = events;
        this.pollMs = pollMs;
        this.#files = files.map((name) => ({
            name,
            handle: undefined,
            inode: '',
            position: 0,
            splitter: new LineSplitter(MAX_LINE_BYTES, 'drop'),
            problem: undefined,
        }));
    }
    /** Opens each file at its end (a missing one is read from its start once it appears), then follows. */
    async start() {
        for (const f of this.#files)
            await this.#open(f, 'end');
        this.#schedule();
    }
    async stop() {
        this.#stopped = true;
        clearTimeout(this.#timer);
        await this.#turn;
        for (const f of this.#files)
            await f.handle?.close().catch(() => undefined);
    }
    #schedule() {
        if (this.#stopped)
            return;
        this.#timer = setTimeout(() => {
            this.#turn = this.#readAll()
                .catch((e) => this.events.onProblem('', errorMessage(e)))
                .finally(() => this.#schedule());
        }, this.pollMs);
        this.#timer.unref();
    }
    async #readAll() {
        for (const f of this.#files) {
            if (this.#stopped)
                return;
            if (!f.handle)
                await this.#open(f, 'start');
            if (!f.handle)
                continue;
            await this.#readToEnd(f);
            await this.#checkName(f);
        }
    }
    async #open(f, at) {
        try {
            const handle = await open(f.name, 'r');
            const info = await handle.stat();
            if (!info.isFile()) {
                await handle.close();
                throw new Error('not a regular file');
            }
            f.handle = handle;
            f.inode = `${info.dev}:${info.ino}`;
            f.position = at === 'end' ? info.size : 0;
            f.splitter = new LineSplitter(MAX_LINE_BYTES, 'drop');
            if (f.problem !== undefined)
                this.events.onNotice?.(f.name, 'read again');
            f.problem = undefined;
        }
        catch (e) {
            const message = errorMessage(e);
            if (f.problem !== message)
                this.events.onProblem(f.name, message);
            f.problem = message;
        }
    }
    async #readToEnd(f) {
        const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
        for (let read = 0; read < MAX_BYTES_PER_TURN && !this.#stopped;) {
            const { bytesRead } = await f.handle.read(buffer, 0, CHUNK_BYTES, f.position);
            if (bytesRead === 0)
                return;
            f.position += bytesRead;
            read += bytesRead;
            const lines = f.splitter.push(buffer.subarray(0, bytesRead));
            if (lines.length === 0)
                continue;
            try {
                await this.events.onLines(lines);
            }
            catch (e) {
                this.events.onProblem(f.name, `lines not taken: ${errorMessage(e)}`);
            }
        }
    }
    /** The name now holds another file (rotated) or a shorter one (truncated): start it over. */
    async #checkName(f) {
        let info;
        try {
            info = await stat(f.name);
        }
        catch {
            // Renamed away and not yet created again: the old file is read to its end meanwhile.
            return;
        }
        if (`${info.dev}:${info.ino}` !== f.inode) {
            await this.#readToEnd(f);
            await f.handle.close().catch(() => undefined);
            f.handle = undefined;
            this.events.onNotice?.(f.name, 'rotated: the old file read to its end, the new one followed from its start');
            await this.#open(f, 'start');
            if (f.handle)
                await this.#readToEnd(f);
        }
        else if (info.size < f.position) {
            f.position = 0;
            f.splitter = new LineSplitter(MAX_LINE_BYTES, 'drop');
            this.events.onNotice?.(f.name, 'truncated: read again from its start');
            await this.#readToEnd(f);
        }
    }
}
//# sourceMappingURL=log-follower.js.map