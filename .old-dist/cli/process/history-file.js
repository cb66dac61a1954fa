import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseClientAddress } from '../../core/address.js';
import { writeFileAtomic } from '../../io/atomic-file.js';
import { errorMessage } from '../../io/error-message.js';
/** Lines kept: the file is cut back to this many once it holds twice as many. */
export const HISTORY_LINES = 1000;
/** What is read of the file at start: its tail, enough for the lines kept, whatever its size. */
const READ_BYTES = 128 * 1024;
/** A line worth recalling: a command of the prompt or an address. Anything else (a pasted secret) is not kept. */
export function worthKeeping(line, commands) {
    return commands.includes(line) || parseClientAddress(line) !== undefined;
}
/**
 * The prompt's history in a file of this user's own: opened without following links, refused when
 * it is not a regular file this user owns, read from its tail only, holding commands and addresses
 * alone, and cut back (atomically) to the last HISTORY_LINES.
 */
export class HistoryFile {
    file;
    commands;
    lines;
    #refused;
    #kept;
    constructor(file, commands, lines, refused) {
        this.file = file;
        this.commands = commands;
        this.lines = lines;
        this.#refused = refused;
        this.#kept = lines.length;
    }
    /** Why nothing is read from or written to the file, when so. */
    get refused() {
        return this.#refused;
    }
    static open(file, commands) {
        const problem = ownFileProblem(file);
        if (problem !== undefined)
            return new HistoryFile(file, commands, [], problem);
        let fd;
        try {
            fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
            const size = fstatSync(fd).size;
            const length = Math.min(size, READ_BYTES);
            const buffer = Buffer.alloc(length);
            let read = 0;
            while (read < length) {
                const n = readSync(fd, buffer, read, length - read, size - length + read);
                if (n === 0)
                    break;
                read += n;
            }
            const text = buffer.subarray(0, read).toString('utf8').split('\n');
            // A tail read from the middle of the file starts part-way into a line.
            if (size > length)
                text.shift();
            const lines = text.filter((l) => l !== '' && worthKeeping(l, commands)).slice(-HISTORY_LINES);
            return new HistoryFile(file, commands, lines, undefined);
        }
        catch (e) {
            return e.code === 'ENOENT'
                ? new HistoryFile(file, commands, [], undefined)
                : new HistoryFile(file, commands, [], errorMessage(e));
        }
        finally {
            if (fd !== undefined)
                closeSync(fd);
        }
    }
    /** Keeps a line typed, if it is worth keeping; throws when the file cannot be written (the caller stops saving). */
    add(line) {
        if (this.#refused !== undefined || !worthKeeping(line, this.commands))
            return;
        this.lines.push(line);
        if (this.lines.length > HISTORY_LINES)
            this.lines.splice(0, this.lines.length - HISTORY_LINES);
        mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
        const problem = ownFileProblem(this.file);
        if (problem !== undefined) {
            this.#refused = problem;
            throw new Error(problem);
        }
        if (++this.#kept > 2 * HISTORY_LINES) {
            writeFileAtomic(this.file, `${this.lines.join('\n')}\n`, 0o600);
            this.#kept = this.lines.length;
            return;
        }
        const fd = openSync(this.file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
        try {
            writeSync(fd, `${line}\n`);
        }
        finally {
            closeSync(fd);
        }
    }
}
/** Why a history file may not be used: a link, not a regular file, or another user's. Undefined when absent or fine. */
function ownFileProblem(file) {
    let stats;
    try {
        stats = lstatSync(file);
    }
    catch {
        return undefined;
    }
    if (stats.isSymbolicLink())
        return `${file} is a symbolic link: history is kept only in a file of this user's own`;
    if (!stats.isFile())
        return `${file} is not a regular file`;
    const uid = process.getuid?.();
    if (uid !== undefined && stats.uid !== uid)
        return `${file} belongs to uid ${stats.uid}, not this user (${uid}): history is not kept there`;
    return undefined;
}
//# sourceMappingURL=history-file.js.map