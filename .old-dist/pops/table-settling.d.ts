import type { BgpSession } from '../core/bgp-session.js';
/** A route server that (re)connected is trusted after this long whatever its sessions show (a peer may stay down). */
export declare const MAX_SETTLING_MS = 60000;
/** Why the route server's table cannot be trusted yet, and since when. */
export interface Settling {
    readonly sinceMs: number;
    readonly why: string;
}
/**
 * Tells when a route server's table is whole again after it (re)connected or a session came up:
 * every session this process has seen Established is Established again, and no session's count of
 * received prefixes grew between two looks (the table has arrived, not still arriving). Routine churn
 * of a full table moves counts by a few prefixes: growth above a thousandth counts as still arriving.
 * Pure: fed the sessions as polled.
 */
export declare class TableSettling {
    #private;
    private readonly clock;
    constructor(clock?: () => number);
    /** Undefined once the table can be trusted. */
    get settling(): Settling | undefined;
    /** The route server (re)connected: it may have restarted with empty tables. */
    begin(why: string): void;
    /** The sessions as just polled; returns true when this look ends a settling period. */
    observe(sessions: readonly BgpSession[]): boolean;
}
