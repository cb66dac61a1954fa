/**
 * HAProxy's runtime API (the `stats socket … level admin` of its global section), used to replace a
 * map in HAProxy's memory without a reload: `prepare map` opens a new version, `add map @VERSION`
 * fills it with payloads, `commit map @VERSION` swaps it in atomically. Lookups see the old map or the
 * new, never a mix; an uncommitted version is dropped by the next `prepare`.
 */
export declare class HaproxyRuntimeError extends Error {
    readonly name = "HaproxyRuntimeError";
}
/** A reply longer than this is not one of HAProxy's to these commands: the connection is dropped. */
export declare const MAX_REPLY_BYTES: number;
/**
 * One command on its own connection (HAProxy answers it and closes); the answer's text. A reply that
 * is cut off, too long, or not there in time is an error, never an answer.
 */
export declare function haproxyCommand(socket: string, command: string, timeoutMs?: number, maxBytes?: number): Promise<string>;
export interface MapReplaced {
    readonly version: number;
    readonly payloads: number;
}
/**
 * Replaces the whole map HAProxy loaded from `map` (its file name as HAProxy's config gives it) with
 * the entries in `lines` (text in the map file's format, in pieces ending at line ends), as one atomic
 * change: a new version filled with payloads, IN_FLIGHT at a time, then committed. The first refusal
 * stops it; the version left is dropped by the next `prepare`.
 */
export declare function replaceHaproxyMap(socket: string, map: string, lines: Iterable<string>): Promise<MapReplaced>;
