import type { ClientAddress } from '../core/address.js';
import type { AsPath } from '../core/as-path.js';
import { type Asn } from '../core/asn.js';
import { type DecidedTable, type DecidedView } from '../core/decided-table.js';
import { MrtError, type MrtPeer } from '../parsers/mrt.js';
import type { Prefix } from '../core/prefix.js';
import { type RouteLookup } from '../core/route.js';
import { type RouteServer, type RouteServerListener, type TableSource } from './route-server.js';
/** A dump held as a decided table. */
export interface MrtTable {
    readonly decided: DecidedTable;
    readonly peers: readonly MrtPeer[];
    readonly loadedMs: number;
    /** The best route for an address, its AS path read again from the dump as loaded. */
    lookup(address: ClientAddress): RouteLookup;
    /** A prefix's whole best path, read again from the dump (its POPs alone if the dump was rewritten in place). */
    pathOf(index: number): AsPath;
    /** Lets go of the dump's open file. */
    close(): void;
}
export interface MrtLoadOptions {
    /** Only this peer's paths (its address or AS number); otherwise the shortest AS path across peers. */
    readonly peer?: string | undefined;
    /** The POP ASes, kept per prefix from its best path so that answers are decided at load. */
    readonly pops?: ReadonlySet<Asn>;
    /** Bytes read at a time (8 MiB); records are never split between reads. */
    readonly chunkBytes?: number;
    /** Records parsed between yields to the event loop, so that lookups go on while a table loads. */
    readonly recordsPerSlice?: number;
    /** The file's size and time must hold still this long before it is read: a dump being written is not. */
    readonly settleMs?: number;
}
/** The file is still being written: it will be read once it holds still. */
export declare class DumpChangingError extends MrtError {
    name: string;
}
/** Loads a TABLE_DUMP_V2 RIB dump into a decided table: one binary search per lookup, a few bytes per prefix. */
export declare function loadMrtTable(file: string, options?: MrtLoadOptions): Promise<MrtTable>;
export interface MrtRouteServerOptions extends MrtLoadOptions {
    readonly onEvent?: RouteServerListener | undefined;
    /** How often the file's mtime and size are checked for a new dump (WATCH_INTERVAL_MS). */
    readonly watchIntervalMs?: number;
}
/**
 * `route_server mrt`: best paths from an MRT RIB dump held in memory. A new dump (the file replaced
 * or rewritten) is loaded, once it holds still, in slices beside the old table, which answers until the
 * new one is swapped in.
 */
export declare class MrtRouteServer implements RouteServer, TableSource {
    #private;
    readonly file: string;
    private options;
    readonly description: string;
    constructor(file: string, options?: MrtRouteServerOptions);
    /** Begins loading the dump and watching it for a new one; the first lookup does it too. */
    start(): Promise<MrtTable>;
    /** Refuses at once a file that cannot be read; its content is loaded in the background. */
    static fromFile(file: string, options?: MrtRouteServerOptions): MrtRouteServer;
    /** The first load is worth waiting for (within the caller's deadline); a failed one is not. */
    get available(): boolean;
    get table(): MrtTable | undefined;
    decided(): DecidedView | undefined;
    whenLoaded(): Promise<void>;
    /** New POP ASes (the config changed): the table is decided again, the current one answering meanwhile. */
    setPops(pops: ReadonlySet<Asn>): Promise<MrtTable>;
    /** Loads the file again once it holds still; the current table keeps answering until the new one is complete. */
    reload(): Promise<MrtTable>;
    lookup(address: ClientAddress): Promise<RouteLookup>;
    lookupNow(address: ClientAddress): RouteLookup;
    routesWithin(): Promise<readonly Prefix[] | undefined>;
    close(): Promise<void>;
}
