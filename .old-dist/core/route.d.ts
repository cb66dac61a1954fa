import type { AsPath } from './as-path.js';
import type { Asn } from './asn.js';
import type { Prefix } from './prefix.js';
/** A route server's best path for the prefix that covers a client address. */
export interface Route {
    readonly prefix: Prefix;
    readonly asPath: AsPath;
    /**
     * Whether the route server holds no more-specific route inside `prefix`, so that one answer serves
     * the whole prefix. `undefined` when the route server could not say in the same reply.
     */
    readonly exclusive?: boolean;
    /** For a table in memory: the POPs it decided at load; selection reads these, and `asPath` only explains. */
    readonly decided?: DecidedPops;
    /** The route server's other paths to `prefix` (the alternates a POP ranking is made from); undefined when the reply did not list them. */
    readonly otherPaths?: readonly AsPath[];
}
/** The POP ASes of `among` on a route's path, nearest the origin first, as a table decided them when it loaded. */
export interface DecidedPops {
    readonly onPath: readonly Asn[];
    readonly among: ReadonlySet<Asn>;
    /**
     * When the route server's other paths cross POPs the best one does not: the whole ranking as
     * [AS, hops] pairs, nearest first, RANKED_SELF (0xffffffff) standing for self.
     */
    readonly ranked?: Uint32Array;
}
/** `source` names the route server that answered, where several stand behind one. */
export type RouteLookup = {
    readonly kind: 'route';
    readonly route: Route;
    readonly source?: string;
} | {
    readonly kind: 'no-route';
    readonly source?: string;
};
/** A reply that could not be read: the message says what was wrong with it. */
export interface UnreadableReply {
    readonly kind: 'unreadable';
    readonly message: string;
}
/** What every route-server reply parser returns. */
export type RouteReply = RouteLookup | UnreadableReply;
export declare const NO_ROUTE: RouteLookup;
export declare function unreadable(message: string): UnreadableReply;
