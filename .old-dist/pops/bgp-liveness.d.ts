import type { Asn } from '../core/asn.js';
import type { PopTable } from '../core/pop-selection.js';
import type { BgpSession } from '../core/bgp-session.js';
import { TableSettling, type Settling } from './table-settling.js';
/** The POPs whose BGP sessions (those with the POP's AS as the remote AS) are all down. */
export declare function popsDown(sessions: readonly BgpSession[], pops: PopTable): Set<Asn>;
/**
 * Watches the route server's BGP sessions with one small command every `intervalMs` on the shared
 * session. A POP whose sessions are all down takes no new clients; a POP reached only behind another
 * session (no session of its own) is never judged here.
 */
/** What the look at the sessions found. */
export type LivenessEvent = 
/** The set of POPs down changed. */
{
    readonly kind: 'pops-down-changed';
}
/** The table is whole again, `settledMs` after it was last in doubt. */
 | {
    readonly kind: 'table-settled';
    readonly settledMs: number;
    readonly since: Settling;
}
/** Routes came or went on some session since the last look (routers that count them: BIRD). */
 | {
    readonly kind: 'routes-changed';
};
export declare class BgpLiveness {
    #private;
    private readonly sessions;
    private pops;
    private readonly onEvent;
    /** Whether the route server's table is whole: after a reconnect or a session coming up, it may still be arriving. */
    readonly settling: TableSettling;
    constructor(sessions: () => Promise<readonly BgpSession[] | undefined>, pops: PopTable, onEvent: (event: LivenessEvent) => void, intervalMs?: number);
    readonly unavailable: (asn: Asn) => string | undefined;
    /** The sessions as last seen; undefined until the route server has shown them. */
    get lastSessions(): readonly BgpSession[] | undefined;
    setPops(pops: PopTable): void;
    poll(): Promise<void>;
    stop(): void;
}
