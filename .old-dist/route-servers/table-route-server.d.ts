import type { ClientAddress } from '../core/address.js';
import type { Asn } from '../core/asn.js';
import { type DecidedView } from '../core/decided-table.js';
import type { Prefix } from '../core/prefix.js';
import { type Route, type RouteLookup } from '../core/route.js';
import type { RouteServer, RouteServerListener, TableSource } from './route-server.js';
/** A text table decided at load: lookups through the decided table, paths from the routes as written. */
export interface LoadedRouteTable extends DecidedView {
    readonly routes: readonly Route[];
    /** The POP ASes it was decided for. */
    readonly pops: ReadonlySet<Asn>;
}
/** Decides a parsed table for the POP ASes: each route numbered as listed. */
export declare function decideRoutes(routes: readonly Route[], pops: ReadonlySet<Asn>): LoadedRouteTable;
/**
 * `route_server table`: best paths from a text file, decided at load and answered from memory. A
 * changed file is loaded again; one that does not read leaves the previous table answering.
 */
export declare class TableRouteServer implements RouteServer, TableSource {
    #private;
    readonly file: string;
    private readonly onEvent?;
    private readonly watchIntervalMs;
    readonly available = true;
    readonly description: string;
    /** A table already read (fromFile reads it): nothing is read or watched until start(). */
    constructor(file: string, loaded: {
        readonly routes: readonly Route[];
        readonly version: string | undefined;
    }, pops?: ReadonlySet<Asn>, onEvent?: RouteServerListener | undefined, watchIntervalMs?: number);
    /** Refuses at once a file that cannot be read or parsed: a configuration problem. */
    static fromFile(file: string, pops?: ReadonlySet<Asn>, onEvent?: RouteServerListener, watchIntervalMs?: number): TableRouteServer;
    /** Read whole before it was made. */
    whenLoaded(): Promise<void>;
    /** Watches the file: a change is read again once it has settled. */
    start(): void;
    /**
     * Reads the file again, off the answering path: read without blocking, parsed and decided in steps
     * with answers going on from the table in memory; a file that does not read is reported and the
     * table in memory stays.
     */
    reload(): Promise<void>;
    /** New POP ASes (the config changed): the table is decided again. */
    setPops(pops: ReadonlySet<Asn>): void;
    decided(): DecidedView;
    lookup(address: ClientAddress): Promise<RouteLookup>;
    lookupNow(address: ClientAddress): RouteLookup;
    routesWithin(prefix: Prefix): Promise<readonly Prefix[] | undefined>;
    close(): Promise<void>;
}
export declare function loadRouteTable(file: string): Route[];
