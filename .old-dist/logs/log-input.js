import { createReadStream, statSync } from 'node:fs';
import { LineSplitter } from '../io/line-splitter.js';
import { GzipFault, gunzipMembers } from './gunzip.js';
import { errorMessage } from '../io/error-message.js';
/** A problem with one input that ended it early; the lines read before it were all used. */
export class LogInputError extends Error {
    name = 'LogInputError';
}
export function logSources(names, stdin) {
    const list = names.length === 0 ? ['-'] : names;
    return list.map((name) => {
        if (name === '-')
            return { name, size: undefined, open: () => stdin };
        let size;
        try {
            const stats = statSync(name);
            size = stats.isFile() ? stats.size : undefined;
        }
        catch (e) {
            throw new LogInputError(`cannot read log ${name}: ${errorMessage(e)}`);
        }
        return { name, size, open: () => createReadStream(name) };
    });
}
const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
/** A line longer than this cannot be held (a string that size is near V8's limit): reported, never cut. */
export const MAX_LINE_BYTES = 256 * 1024 * 1024;
/**
 * The lines of one source, decoded as latin1 so every byte comes back out unchanged, gunzipped when
 * the content is gzip (rotated `access.log.2.gz`, several members too). `onBytes` counts raw bytes
 * read, for progress. A last line without `\n` is still a line. A read or gzip fault ends the source
 * with a LogInputError after every line decompressed before it; a line too long to hold is left out
 * and reported the same way once the source ends.
 */
export async function* linesOf(source, onBytes, maxLineBytes = MAX_LINE_BYTES) {
    const raw = source.open();
    const splitter = new LineSplitter(maxLineBytes, 'drop');
    const counted = (async function* () {
        for await (const chunk of raw) {
            onBytes(chunk.length);
            yield chunk;
        }
    })();
    const first = await firstBytes(raw, source.name, 2);
    if (first === undefined)
        return;
    onBytes(first.length);
    const gzip = first.length >= 2 && first[0] === GZIP_MAGIC_0 && first[1] === GZIP_MAGIC_1;
    const chunks = gzip ? gunzipMembers(first, counted) : prepend(first, counted);
    const last = () => {
        const line = splitter.end();
        return line === undefined ? [] : [line];
    };
    try {
        for await (const chunk of chunks) {
            const lines = splitter.push(chunk);
            if (lines.length > 0)
                yield lines;
        }
    }
    catch (e) {
        const partial = last();
        if (partial.length > 0)
            yield partial;
        const damaged = e instanceof GzipFault || gzip ? ' (a truncated or damaged gzip file)' : '';
        throw new LogInputError(`${source.name}: ${errorMessage(e)}${damaged}; the lines before it were read${tooLong()}`);
    }
    const partial = last();
    if (partial.length > 0)
        yield partial;
    if (splitter.dropped > 0)
        throw new LogInputError(`${source.name}: ${tooLong().slice(2)}`);
    function tooLong() {
        const n = splitter.dropped;
        return n === 0 ? '' : `; ${n} line${n === 1 ? '' : 's'} longer than ${maxLineBytes} bytes left out`;
    }
}
async function* prepend(first, rest) {
    yield first;
    yield* rest;
}
/** The first `atLeast` bytes (fewer only at end of input), however the source splits them: gzip is told by two. */
async function firstBytes(stream, name, atLeast) {
    let got;
    while (got === undefined || got.length < atLeast) {
        const chunk = await firstChunk(stream, name);
        if (chunk === undefined)
            break;
        got = got === undefined ? chunk : Buffer.concat([got, chunk]);
    }
    return got;
}
function firstChunk(stream, name) {
    return new Promise((resolve, reject) => {
        if (stream.readableEnded)
            return resolve(undefined);
        const onReadable = () => {
            const chunk = stream.read();
            if (chunk === null)
                return;
            cleanup();
            resolve(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
        };
        const onEnd = () => {
            cleanup();
            resolve(undefined);
        };
        const onError = (e) => {
            cleanup();
            reject(new LogInputError(`cannot read log ${name}: ${e.message}`));
        };
        const cleanup = () => {
            stream.off('readable', onReadable);
            stream.off('end', onEnd);
            stream.off('error', onError);
        };
        stream.on('readable', onReadable);
        stream.on('end', onEnd);
        stream.on('error', onError);
    });
}
//# sourceMappingURL=log-input.js.map