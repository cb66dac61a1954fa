import { createInflateRaw, crc32 } from 'node:zlib';
/** A fault in gzip input, raised only after every byte decompressed before it has been given out. */
export class GzipFault extends Error {
    name = 'GzipFault';
}
/** Input fed to the inflater per step: bounds the output of one step (a decompression bomb) to a few MB. */
const STEP_BYTES = 16 * 1024;
const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
/** Buffered input read from the front, refilled from the source as needed. */
class InputCursor {
    source;
    #pending;
    #done = false;
    constructor(first, source) {
        this.source = source;
        this.#pending = first;
    }
    get available() {
        return this.#pending;
    }
    /** Reads until at least `n` bytes are buffered; false at end of input first. */
    async fill(n) {
        while (this.#pending.length < n) {
            if (this.#done)
                return false;
            const next = await this.source.next();
            if (next.done)
                this.#done = true;
            else
                this.#pending = this.#pending.length === 0 ? next.value : Buffer.concat([this.#pending, next.value]);
        }
        return true;
    }
    /** At most `max` bytes from the front, refilled when empty; undefined at end of input. */
    async take(max) {
        if (this.#pending.length === 0 && !(await this.fill(1)))
            return undefined;
        const piece = this.#pending.subarray(0, max);
        this.#pending = this.#pending.subarray(piece.length);
        return piece;
    }
    skip(n) {
        this.#pending = this.#pending.subarray(n);
    }
    /** Puts bytes taken but not used back in front. */
    unread(bytes) {
        if (bytes.length > 0)
            this.#pending = this.#pending.length === 0 ? bytes : Buffer.concat([bytes, this.#pending]);
    }
}
/** The length of the gzip member header at the cursor's front; undefined when the input is not one. */
async function headerLength(input) {
    if (!(await input.fill(10)))
        return undefined;
    const b = input.available;
    if (b[0] !== 0x1f || b[1] !== 0x8b || b[2] !== 8)
        return undefined;
    const flags = b[3];
    let length = 10;
    if (flags & FEXTRA) {
        if (!(await input.fill(length + 2)))
            return undefined;
        length += 2 + input.available.readUInt16LE(length);
    }
    for (const flag of [FNAME, FCOMMENT]) {
        if (!(flags & flag))
            continue;
        for (;;) {
            if (!(await input.fill(length + 1)))
                return undefined;
            if (input.available[length++] === 0)
                break;
        }
    }
    if (flags & FHCRC)
        length += 2;
    return (await input.fill(length)) ? length : undefined;
}
/**
 * Decompresses gzip input, every member in turn (`cat a.gz b.gz`), yielding the decompressed bytes as
 * they come. Unlike node's Gunzip, which drops the last piece it decompressed when the trailer or what
 * follows is bad, every byte inflated is given out before a GzipFault: a bad CRC, a truncated member,
 * or trailing garbage (as gzip itself, which writes the data and then complains).
 */
export async function* gunzipMembers(first, source) {
    const input = new InputCursor(first, source[Symbol.asyncIterator]());
    for (let member = 0;; member++) {
        if (member > 0 && !(await input.fill(1)))
            return;
        const header = await headerLength(input);
        if (header === undefined) {
            throw new GzipFault(member === 0 ? 'not a whole gzip header' : 'trailing garbage after the gzip data');
        }
        input.skip(header);
        let crc = 0;
        let size = 0;
        for await (const out of inflateMember(input)) {
            crc = crc32(out, crc);
            size = (size + out.length) % 2 ** 32;
            yield out;
        }
        if (!(await input.fill(8)))
            throw new GzipFault('a gzip member ends without its trailer (truncated)');
        const trailer = input.available;
        if (trailer.readUInt32LE(0) !== crc >>> 0)
            throw new GzipFault('gzip CRC error: the data decompressed does not match its checksum');
        if (trailer.readUInt32LE(4) !== size)
            throw new GzipFault('gzip length error: the data decompressed is not the length recorded');
        input.skip(8);
    }
}
/** One member's deflate data: output as it comes; the input after its end is put back on the cursor. */
async function* inflateMember(input) {
    const inflater = createInflateRaw();
    const out = [];
    let failure;
    let ended = false;
    inflater.on('data', (chunk) => out.push(chunk));
    inflater.on('error', (e) => {
        failure = e;
    });
    inflater.on('end', () => {
        ended = true;
    });
    // Set by the inflater's events, between awaits.
    const failed = () => failure;
    // What was written and not yet known to be consumed, to put back what follows the deflate data.
    const written = [];
    let writtenBytes = 0;
    let droppedBytes = 0;
    /** Writes the next piece; false at end of input. */
    const step = async () => {
        const piece = await input.take(STEP_BYTES);
        if (piece === undefined)
            return false;
        written.push(piece);
        writtenBytes += piece.length;
        await new Promise((resolve) => inflater.write(piece, () => resolve()));
        return true;
    };
    try {
        let next = step();
        for (;;) {
            const more = await next;
            const produced = out.splice(0);
            if (failure) {
                yield* produced;
                throw new GzipFault(`damaged gzip data (${failure.message})`);
            }
            const consumed = inflater.bytesWritten;
            if (consumed < writtenBytes) {
                // The deflate data ended inside what was written: the rest is the trailer and what follows.
                input.unread(Buffer.concat(written).subarray(consumed - droppedBytes));
                yield* produced;
                return;
            }
            if (!more) {
                await new Promise((resolve) => {
                    inflater.once('end', resolve);
                    inflater.once('error', () => resolve());
                    inflater.end();
                });
                yield* produced;
                yield* out.splice(0);
                const fault = failed();
                if (fault || !ended)
                    throw new GzipFault(`a truncated gzip file (${fault?.message ?? 'no end of data'})`);
                return;
            }
            while (written.length > 0 && droppedBytes + written[0].length <= consumed)
                droppedBytes += written.shift().length;
            // The next piece inflates (in zlib's thread) while this one's lines are read.
            next = step();
            yield* produced;
        }
    }
    finally {
        inflater.destroy();
    }
}
//# sourceMappingURL=gunzip.js.map