import { randomBytes } from 'node:crypto';
import { closeSync, constants, createWriteStream, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { errorMessage } from './error-message.js';
/** Tries at a new random name before giving up: a clash is one in 2^48, a planted file as likely. */
const TEMPORARY_TRIES = 8;
/**
 * A new file beside `file` (in its folder, so that the rename stays on one filesystem) under a random
 * name, as mkstemp makes one: created here and now (O_EXCL), never a link followed or a file another
 * user planted there; a name taken is passed over for another. It replaces `file` on commit(), and
 * abort() leaves `file` as it was.
 */
class FileBeside {
    file;
    fd;
    temporary;
    #open = true;
    constructor(file, mode) {
        this.file = file;
        for (let attempt = 1;; attempt++) {
            const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
            try {
                this.fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
                this.temporary = temporary;
                return;
            }
            catch (e) {
                if (e.code !== 'EEXIST' || attempt >= TEMPORARY_TRIES)
                    throw e;
            }
        }
    }
    get open() {
        return this.#open;
    }
    write(data) {
        const bytes = typeof data === 'string' ? Buffer.from(data) : data;
        let written = 0;
        while (written < bytes.length)
            written += writeSync(this.fd, bytes, written);
    }
    /** Flushed to disk and renamed over `file`; on failure, removed. */
    commit() {
        try {
            fsyncSync(this.fd);
            this.#close();
            renameSync(this.temporary, this.file);
        }
        catch (e) {
            this.abort();
            throw e;
        }
    }
    abort() {
        this.#close();
        unlinkQuietly(this.temporary);
    }
    /** The descriptor was closed by another owner (a stream destroyed): only the name is left to remove. */
    descriptorClosed() {
        this.#open = false;
    }
    #close() {
        if (!this.#open)
            return;
        this.#open = false;
        closeSync(this.fd);
    }
}
function unlinkQuietly(file) {
    try {
        unlinkSync(file);
    }
    catch {
        // Already gone: nothing to clean.
    }
}
/**
 * Replaces `file` with `data` so that a reader sees the old content or the new, never part: written
 * beside it (a new file, never one planted there), flushed to disk, then renamed over it.
 */
export function writeFileAtomic(file, data, mode = 0o644) {
    const beside = new FileBeside(file, mode);
    try {
        beside.write(data);
    }
    catch (e) {
        beside.abort();
        throw e;
    }
    beside.commit();
}
export function openAtomicFile(file, mode = 0o644) {
    const beside = new FileBeside(file, mode);
    const stream = createWriteStream('', { fd: beside.fd, autoClose: false });
    return {
        stream,
        commit: () => beside.commit(),
        abort: () => {
            if (beside.open) {
                // destroy() closes the descriptor itself (autoClose or not): closing it here too would throw later.
                beside.descriptorClosed();
                stream.destroy();
            }
            beside.abort();
        },
    };
}
export function openAtomicWriter(file, mode = 0o644) {
    return new FileBeside(file, mode);
}
/** Why a file could not be written atomically as `probe` (then removed), or undefined when it can: a check before the real writes. */
export function atomicWriteProblem(probe) {
    try {
        writeFileAtomic(probe, '');
        unlinkSync(probe);
        return undefined;
    }
    catch (e) {
        return errorMessage(e);
    }
}
//# sourceMappingURL=atomic-file.js.map