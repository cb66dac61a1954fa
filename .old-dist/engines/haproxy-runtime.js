import { connect } from 'node:net';
import { printable } from '../io/printable.js';
/**
 * HAProxy's runtime API (the `stats socket … level admin` of its global section), used to replace a
 * map in HAProxy's memory without a reload: `prepare map` opens a new version, `add map @VERSION`
 * fills it with payloads, `commit map @VERSION` swaps it in atomically. Lookups see the old map or the
 * new, never a mix; an uncommitted version is dropped by the next `prepare`.
 */
export class HaproxyRuntimeError extends Error {
    name = 'HaproxyRuntimeError';
}
/** A payload and its command must fit HAProxy's buffer (tune.bufsize, 16 KB by default, less its 1 KB kept for rewrites). */
const PAYLOAD_BYTES = 12 * 1024;
const COMMAND_TIMEOUT_MS = 5000;
/** Payloads of one new map version sent at once, each on its own connection: HAProxy parses one while the next arrives. */
const IN_FLIGHT = 2;
/** A reply longer than this is not one of HAProxy's to these commands: the connection is dropped. */
export const MAX_REPLY_BYTES = 1024 * 1024;
/**
 * One command on its own connection (HAProxy answers it and closes); the answer's text. A reply that
 * is cut off, too long, or not there in time is an error, never an answer.
 */
export function haproxyCommand(socket, command, timeoutMs = COMMAND_TIMEOUT_MS, maxBytes = MAX_REPLY_BYTES) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let bytes = 0;
        const connection = connect(socket);
        const first = printable(command.split('\n', 1)[0] ?? '');
        const fail = (why) => {
            connection.destroy();
            reject(new HaproxyRuntimeError(`HAProxy's runtime API at ${socket}: ${why}`));
        };
        connection.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms to "${first}"`));
        connection.on('data', (chunk) => {
            bytes += chunk.length;
            if (bytes > maxBytes)
                return fail(`a reply of more than ${maxBytes} bytes to "${first}": not HAProxy's`);
            chunks.push(chunk);
        });
        connection.on('error', (e) => fail(e.code === 'ENOENT' || e.code === 'ECONNREFUSED'
            ? `${e.code}: is HAProxy running, with "stats socket ${socket} level admin" in its global section?`
            : e.code === 'EACCES'
                ? 'permission denied: run as a user in the socket\'s group (Debian: haproxy), or give the socket "mode 660"'
                : e.message));
        connection.on('end', () => {
            connection.destroy();
            resolve(Buffer.concat(chunks).toString('utf8'));
        });
        connection.end(command.endsWith('\n') ? command : `${command}\n`);
    });
}
/**
 * HAProxy's "done" to `add map`, `del map`, `set map` and `commit map`: one empty line. Nothing at all
 * is a connection closed before it answered, and anything else a refusal: neither is success.
 */
function expectDone(answer, what) {
    if (answer === '')
        throw new HaproxyRuntimeError(`HAProxy closed the connection without answering ${what}`);
    const said = answer.trim();
    if (said !== '')
        throw new HaproxyRuntimeError(`HAProxy refused ${what}: ${printable(said.split('\n', 1)[0] ?? '')}`);
}
/** Map text (`KEY VALUE` lines, as in the map file) as payloads of whole lines; comments and blank lines, which would end a payload, left out. */
function* payloads(pieces) {
    let payload = '';
    for (const piece of pieces) {
        // Rows as rendered (no comment, no blank line) are cut at line ends as they are: no line by line.
        const clean = !piece.startsWith('#') && !piece.startsWith('\n') && !piece.includes('\n#') && !piece.includes('\n\n') && piece.endsWith('\n');
        if (clean) {
            let from = 0;
            while (from < piece.length) {
                const room = PAYLOAD_BYTES - payload.length;
                let to = from + room >= piece.length ? piece.length : piece.lastIndexOf('\n', from + room - 1) + 1;
                if (to <= from) {
                    if (payload !== '') {
                        yield payload;
                        payload = '';
                        continue;
                    }
                    // A line longer than a payload goes alone.
                    to = piece.indexOf('\n', from) + 1;
                }
                payload += piece.slice(from, to);
                from = to;
                if (payload.length >= PAYLOAD_BYTES - 64) {
                    yield payload;
                    payload = '';
                }
            }
            continue;
        }
        for (const line of piece.split('\n')) {
            if (line === '' || line.startsWith('#'))
                continue;
            if (payload !== '' && payload.length + line.length >= PAYLOAD_BYTES) {
                yield payload;
                payload = '';
            }
            payload += `${line}\n`;
        }
    }
    if (payload !== '')
        yield payload;
}
/**
 * Replaces the whole map HAProxy loaded from `map` (its file name as HAProxy's config gives it) with
 * the entries in `lines` (text in the map file's format, in pieces ending at line ends), as one atomic
 * change: a new version filled with payloads, IN_FLIGHT at a time, then committed. The first refusal
 * stops it; the version left is dropped by the next `prepare`.
 */
export async function replaceHaproxyMap(socket, map, lines) {
    const prepared = await haproxyCommand(socket, `prepare map ${map}`);
    const version = /New version created: (\d+)/.exec(prepared)?.[1];
    if (version === undefined)
        throw new HaproxyRuntimeError(`HAProxy has no map ${map}: ${printable(prepared.trim().split('\n', 1)[0] || 'the connection closed without an answer')} (the file name must be written as in HAProxy's map_ip(...))`);
    let count = 0;
    let failure;
    const sending = new Set();
    for (const payload of payloads(lines)) {
        if (failure)
            break;
        const sent = haproxyCommand(socket, `add map @${version} ${map} <<\n${payload}\n`)
            .then((answer) => {
            expectDone(answer, `the entries for ${map}`);
            count++;
        })
            .catch((e) => {
            failure ??= e;
        })
            .finally(() => sending.delete(sent));
        sending.add(sent);
        if (sending.size >= IN_FLIGHT)
            await Promise.race(sending);
    }
    await Promise.all(sending);
    if (failure)
        throw failure;
    expectDone(await haproxyCommand(socket, `commit map @${version} ${map}`), `the new version of ${map}`);
    return { version: Number(version), payloads: count };
}
//# sourceMappingURL=haproxy-runtime.js.map