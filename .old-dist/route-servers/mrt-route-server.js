import { accessSync, constants, fstatSync, readSync } from 'node:fs';
import { SettledFileWatch } from '../io/file-watch.js';
import { open, stat } from 'node:fs/promises';
import { parseAsn } from '../core/asn.js';
import { NO_PREFIX } from '../core/decided-table.js';
import { asPathBytesLength, decodeAsPath, MrtError, readMrtRecord } from '../parsers/mrt.js';
import { decideMrt } from '../parsers/mrt-decide.js';
import { NO_ROUTE } from '../core/route.js';
import { RouteServerError } from './route-server.js';
import { sleep } from '../io/sleep.js';
import { errorMessage } from '../io/error-message.js';
/** The file is still being written: it will be read once it holds still. */
export class DumpChangingError extends MrtError {
    name = 'DumpChangingError';
}
/**
 * Reads a dump only when it is whole: a regular file whose size and modification time are the same
 * before a settle interval, after it, and after reading. A dump caught mid-rewrite at a record boundary
 * would otherwise load as complete with part of its prefixes.
 */
/** Chunks read at a time: the dump is never held whole, so a load costs its table, not the file. */
const CHUNK_BYTES = 8 * 1024 * 1024;
/**
 * Whole records of the open dump, a chunk at a time in one buffer (a record longer than the buffer
 * grows it); at the end, what is left (a cut record) is handed on for the reader to refuse.
 */
async function* recordChunks(handle, chunkBytes = CHUNK_BYTES) {
    let buffer = Buffer.allocUnsafe(chunkBytes);
    let filled = 0;
    let base = 0;
    let position = 0;
    for (;;) {
        if (filled === buffer.length) {
            const bigger = Buffer.allocUnsafe(buffer.length * 2);
            buffer.copy(bigger, 0, 0, filled);
            buffer = bigger;
        }
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position);
        position += bytesRead;
        filled += bytesRead;
        if (bytesRead === 0) {
            if (filled > 0)
                yield { data: buffer.subarray(0, filled), base };
            return;
        }
        let end = 0;
        while (end + 12 <= filled) {
            const next = end + 12 + buffer.readUInt32BE(end + 8);
            if (next > filled)
                break;
            end = next;
        }
        if (end === 0)
            continue;
        yield { data: buffer.subarray(0, end), base };
        buffer.copy(buffer, 0, end, filled);
        filled -= end;
        base += end;
    }
}
/**
 * Opens a dump only when it is whole: a regular file whose size and modification time are the same
 * before a settle interval, after it, and after reading. A dump caught mid-rewrite at a record boundary
 * would otherwise load as complete with part of its prefixes.
 */
async function openSettledFile(file, settleMs) {
    const where = `MRT file ${file}`;
    const before = await statOrThrow(file, where);
    if (!before.isFile())
        throw new MrtError(`${where} is not a regular file; "table" must name a dump file`);
    if (settleMs > 0) {
        await sleep(settleMs);
        if (changed(before, await statOrThrow(file, where)))
            throw new DumpChangingError(`${where} is still being written`);
    }
    try {
        // Kept open: paths are read again from the dump that was loaded, even once a new one replaces it.
        return { handle: await open(file, 'r'), stats: before };
    }
    catch (e) {
        throw new MrtError(`cannot read ${where}: ${errorMessage(e)}; check the "table" directive`);
    }
}
async function statOrThrow(file, where) {
    try {
        return await stat(file);
    }
    catch (e) {
        throw new MrtError(`cannot read ${where}: ${errorMessage(e)}; check the "table" directive`);
    }
}
function changed(a, b) {
    return a.size !== b.size || a.mtimeMs !== b.mtimeMs || a.ino !== b.ino;
}
/** Loads a TABLE_DUMP_V2 RIB dump into a decided table: one binary search per lookup, a few bytes per prefix. */
export async function loadMrtTable(file, options = {}) {
    const started = performance.now();
    const { handle, stats } = await openSettledFile(file, options.settleMs ?? 0);
    let allowed;
    let decided;
    let peers;
    const pops = options.pops ?? new Set();
    try {
        ({ table: decided, peers } = await decideMrt(recordChunks(handle, options.chunkBytes), file, {
            pops,
            recordsPerSlice: options.recordsPerSlice,
            sizeHint: stats.size,
            peerIndexes: (listed) => {
                allowed = peerIndexes(listed, options.peer, file);
                return allowed;
            },
        }));
        if (changed(stats, await handle.stat()))
            throw new DumpChangingError(`MRT file ${file} changed while it was read`);
    }
    catch (e) {
        // A dump that reads as broken because it was being rewritten is read again once it holds still.
        const rewritten = !(e instanceof DumpChangingError) && changed(stats, await handle.stat().catch(() => stats));
        await handle.close();
        throw rewritten ? new DumpChangingError(`MRT file ${file} changed while it was read`) : e;
    }
    let open = true;
    /** The prefix's best path from its record, unless the file was rewritten in place since it was loaded. */
    const pathAt = (offset, prefix) => {
        if (!open || changed(stats, fstatSync(handle.fd)))
            return undefined;
        const header = Buffer.alloc(12);
        readSync(handle.fd, header, 0, 12, offset);
        const record = Buffer.alloc(12 + header.readUInt32BE(8));
        readSync(handle.fd, record, 0, record.length, offset);
        const { record: read } = readMrtRecord(record, 0);
        if (read.kind !== 'rib' || read.rib.prefix.length !== prefix.length || read.rib.prefix.network !== prefix.network)
            return undefined;
        let best;
        let bestLength = Number.POSITIVE_INFINITY;
        for (const entry of read.rib.entries) {
            if (allowed && !allowed.has(entry.peerIndex))
                continue;
            const length = asPathBytesLength(entry.asPath);
            if (length < bestLength) {
                best = entry.asPath;
                bestLength = length;
            }
        }
        return decodeAsPath(best);
    };
    const pathOf = (index) => {
        let asPath;
        try {
            asPath = pathAt(decided.offsetOf(index), decided.prefixOf(index));
        }
        catch {
            asPath = undefined;
        }
        // A dump rewritten in place since it was loaded: the answer stands, told by its POPs in path order.
        return asPath ?? popPath(decided.popsOf(index));
    };
    return {
        decided,
        peers,
        loadedMs: performance.now() - started,
        pathOf,
        lookup: (address) => {
            const index = decided.find(address);
            if (index === NO_PREFIX)
                return NO_ROUTE;
            return {
                kind: 'route',
                route: decidedRoute(decided.prefixOf(index), decidedPops(decided, index, pops), () => pathOf(index)),
            };
        },
        close: () => {
            open = false;
            void handle.close().catch(() => undefined);
        },
    };
}
function decidedPops(decided, index, among) {
    const ranked = decided.rankingOf(index);
    return ranked ? { onPath: decided.popsOf(index), among, ranked } : { onPath: decided.popsOf(index), among };
}
/** A route whose POPs were decided at load: its path is read from the dump only when something explains it. */
function decidedRoute(prefix, decided, readPath) {
    let asPath;
    return {
        prefix,
        exclusive: false,
        decided,
        get asPath() {
            asPath ??= readPath();
            return asPath;
        },
    };
}
function popPath(pops) {
    return pops.length === 0 ? [] : [{ type: 'sequence', asns: [...pops].reverse() }];
}
/** The peer indexes `mrt_peer` names, by address or AS; undefined: every peer. */
function peerIndexes(peers, wanted, file) {
    if (wanted === undefined)
        return undefined;
    const asn = parseAsn(wanted);
    const matching = new Set(peers.filter((p) => p.address === wanted || p.asn === asn).map((p) => p.index));
    if (matching.size === 0) {
        throw new MrtError(`mrt_peer ${wanted} is not a peer of ${file}; its peers are ${peers.map((p) => `${p.address} (AS${p.asn})`).join(', ')}`);
    }
    return matching;
}
/** A new dump is read once it has held still this long: a dump renamed into place is taken within a second. */
const WATCH_INTERVAL_MS = 500;
/**
 * `route_server mrt`: best paths from an MRT RIB dump held in memory. A new dump (the file replaced
 * or rewritten) is loaded, once it holds still, in slices beside the old table, which answers until the
 * new one is swapped in.
 */
export class MrtRouteServer {
    file;
    options;
    description;
    #table;
    #loading;
    #reloadAgain = false;
    #initial;
    #closed = false;
    #initialFailed = false;
    #watch;
    constructor(file, options = {}) {
        this.file = file;
        this.options = options;
        this.description = `mrt ${file}`;
    }
    /** Begins loading the dump and watching it for a new one; the first lookup does it too. */
    start() {
        if (this.#initial)
            return this.#initial;
        this.#initial = this.#load(0, true);
        this.#initial.catch(() => {
            this.#initialFailed = true;
        });
        if (!this.#closed)
            this.#watch = new SettledFileWatch(this.file, {
                // A dump being replaced is briefly missing: the table in memory answers until the new one is there.
                onSettled: () => this.#loadSettled(),
                onRemoved: () => undefined,
                onError: (error) => this.options.onEvent?.({ kind: 'table-rejected', routeServer: this.description, error, keptPrevious: true }),
            }, this.options.watchIntervalMs ?? WATCH_INTERVAL_MS);
        return this.#initial;
    }
    /** Refuses at once a file that cannot be read; its content is loaded in the background. */
    static fromFile(file, options = {}) {
        try {
            accessSync(file, constants.R_OK);
        }
        catch (e) {
            throw new MrtError(`cannot read MRT file ${file}: ${errorMessage(e)}; check the "table" directive`);
        }
        return new MrtRouteServer(file, options);
    }
    /** The first load is worth waiting for (within the caller's deadline); a failed one is not. */
    get available() {
        return this.#table !== undefined || !this.#initialFailed;
    }
    get table() {
        return this.#table;
    }
    decided() {
        const table = this.#table;
        return table ? { table: table.decided, pathOf: table.pathOf } : undefined;
    }
    async whenLoaded() {
        await this.start();
    }
    /** New POP ASes (the config changed): the table is decided again, the current one answering meanwhile. */
    setPops(pops) {
        this.options = { ...this.options, pops };
        if (this.#loading) {
            this.#reloadAgain = true;
            return this.#loading;
        }
        return this.#load(0);
    }
    /** The watch saw the file hold still for an interval: loaded now. */
    async #loadSettled() {
        if (this.#loading) {
            this.#reloadAgain = true;
            return;
        }
        await this.#load(this.options.settleMs ?? 0).catch(() => undefined);
    }
    /** Loads the file again once it holds still; the current table keeps answering until the new one is complete. */
    reload() {
        if (this.#loading) {
            this.#reloadAgain = true;
            return this.#loading;
        }
        return this.#load(this.options.settleMs ?? this.options.watchIntervalMs ?? WATCH_INTERVAL_MS);
    }
    #load(settleMs, initial = false) {
        const loading = loadMrtTable(this.file, { ...this.options, settleMs }).then((table) => {
            this.#loading = undefined;
            if (this.#closed)
                table.close();
            else {
                this.#table?.close();
                this.#table = table;
                this.options.onEvent?.({
                    kind: 'table-loaded',
                    routeServer: this.description,
                    prefixes: table.decided.size,
                    peers: table.peers.length,
                    loadMs: table.loadedMs,
                });
            }
            this.#again();
            return table;
        }, (e) => {
            this.#loading = undefined;
            const error = e instanceof Error ? e : new Error(errorMessage(e));
            // A dump still being written is read when the watcher sees it settle; a first load retries itself.
            if (e instanceof DumpChangingError && !this.#closed) {
                if (this.#table === undefined)
                    return this.#load(this.options.watchIntervalMs ?? WATCH_INTERVAL_MS, initial);
            }
            else if (!initial) {
                // A first load that fails is reported by whenLoaded(), as a configuration problem.
                this.options.onEvent?.({ kind: 'table-rejected', routeServer: this.description, error, keptPrevious: this.#table !== undefined });
            }
            this.#again();
            throw error;
        });
        this.#loading = loading;
        return loading;
    }
    #again() {
        if (!this.#reloadAgain || this.#closed)
            return;
        this.#reloadAgain = false;
        void this.reload().catch(() => undefined);
    }
    async lookup(address) {
        if (!this.#table) {
            try {
                await this.start();
            }
            catch (e) {
                throw new RouteServerError('unavailable', errorMessage(e));
            }
        }
        return this.lookupNow(address);
    }
    lookupNow(address) {
        return this.#table ? this.#table.lookup(address) : NO_ROUTE;
    }
    async routesWithin() {
        return undefined;
    }
    async close() {
        this.#closed = true;
        this.#watch?.close();
        this.#table?.close();
    }
}
//# sourceMappingURL=mrt-route-server.js.map