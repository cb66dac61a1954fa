import type { ClientAddress } from '../core/address.js';
import type { Prefix } from '../core/prefix.js';
import type { RouteLookup } from '../core/route.js';
import type { DecidedView } from '../core/decided-table.js';
import type { Asn } from '../core/asn.js';
import type { BgpSession } from '../core/bgp-session.js';
import type { RouteServerError } from '../core/route-server-error.js';
export { RouteServerError, type RouteServerFailure } from '../core/route-server-error.js';
/** What a route server reports of itself, for logs and for whoever holds answers derived from it. */
export type RouteServerEvent = 
/** Connected; after an outage, `downForMs` says how long it lasted. */
{
    readonly kind: 'up';
    readonly routeServer: string;
    readonly greeting: string;
    readonly downForMs: number | undefined;
}
/** A working session ended; a new one is being opened. */
 | {
    readonly kind: 'lost';
    readonly routeServer: string;
    readonly error: RouteServerError;
}
/** Unreachable; retried after `retryInMs`. */
 | {
    readonly kind: 'down';
    readonly routeServer: string;
    readonly error: RouteServerError;
    readonly retryInMs: number;
}
/** A table in memory was (re)loaded: every earlier answer may be stale. */
 | {
    readonly kind: 'table-loaded';
    readonly routeServer: string;
    readonly prefixes: number;
    readonly peers: number;
    readonly loadMs: number;
}
/** A new table could not be loaded; `keptPrevious` when an older one goes on answering. */
 | {
    readonly kind: 'table-rejected';
    readonly routeServer: string;
    readonly error: Error;
    readonly keptPrevious: boolean;
};
export type RouteServerListener = (event: RouteServerEvent) => void;
/** A source of best paths: a router's command line, or a table held in memory. No I/O until start(). */
export interface RouteServer {
    /** e.g. `zebra 127.0.0.1:2605`, for explanations and logs. */
    readonly description: string;
    /** False while the route server is known to be down: lookups should not wait for it. */
    readonly available: boolean;
    /** Begins connecting (or loading and watching), so that the first lookup does not pay for it. */
    start(): void;
    /** Rejects with a RouteServerError. */
    lookup(address: ClientAddress): Promise<RouteLookup>;
    /**
     * The prefixes of every route inside `prefix`, itself included when it has one, so that one answer
     * may serve the rest of it; undefined when the route server cannot tell. `prefixHasRoute` says
     * whether `prefix` itself is known to be a route.
     */
    routesWithin(prefix: Prefix, prefixHasRoute: boolean): Promise<readonly Prefix[] | undefined>;
    close(): Promise<void>;
}
/** A table read from a file and decided in memory (`mrt`, `table`). */
export interface TableSource {
    /** Settles once the first table is in memory; rejects when the file cannot be loaded at all, a configuration problem. */
    whenLoaded(): Promise<void>;
    /** Every prefix with its decided answer, for export; undefined until loaded. */
    decided(): DecidedView | undefined;
    /** New POP ASes (the config changed): answers are decided again. */
    setPops(pops: ReadonlySet<Asn>): unknown;
    /** Reads the file again now (SIGHUP at the prompt). */
    reload(): Promise<unknown>;
}
/** A router that lists its BGP sessions (FRR, BIRD). */
export interface SessionSource {
    /** Undefined when it cannot say now. */
    bgpSessions(): Promise<readonly BgpSession[] | undefined>;
}
export interface PathSearch {
    /** How many routes have a path (best or not) through `asn`; undefined when the router cannot say. */
    routesThrough(asn: number): Promise<number | undefined>;
}
export declare function tableSource(routeServer: RouteServer): (RouteServer & TableSource) | undefined;
export declare function pathSearch(routeServer: RouteServer): (RouteServer & PathSearch) | undefined;
/** Why the route server last failed, where it keeps that. */
export declare function lastErrorOf(routeServer: RouteServer): Error | undefined;
export declare function sessionSource(routeServer: RouteServer): (RouteServer & SessionSource) | undefined;
/** Starts the route server and, for a table, settles once the first one is in memory (rejecting if it cannot load). */
export declare function startRouteServer(routeServer: RouteServer): Promise<void>;
