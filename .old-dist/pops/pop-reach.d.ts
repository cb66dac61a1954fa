import type { Asn } from '../core/asn.js';
import type { DecidedTable, DecidedView } from '../core/decided-table.js';
import type { PopTable } from '../core/pop-selection.js';
/** A POP the route server can never send a client to, and the facts that show it. */
export interface UnreachablePop {
    readonly asn: Asn;
    readonly answer: string;
    readonly detail: string;
}
/** The POP ASes on any path of a decided table (best or other): walked once, a few ms per 100k prefixes. */
export declare function popAsnsOnPaths(table: DecidedTable): Set<Asn>;
/** The first ASes of the paths of a table (sampled evenly, up to `samples` prefixes): the route server's neighbours. */
export declare function firstAsnsOf(view: DecidedView, samples?: number): Asn[];
/**
 * The POPs of a config that no client could reach: neither a neighbour of the route server (when its
 * sessions are known) nor on any path it holds (when its table is): a typo in a peer line, most often.
 */
export declare function unreachablePops(pops: PopTable, self: string, neighbours: readonly Asn[] | undefined, onPaths: ReadonlySet<Asn> | undefined): UnreachablePop[];
/** A POP a live route server has no session with and no route through (its own search said so). */
export declare function unreachableOnRouter(asn: Asn, answer: string, neighbours: readonly Asn[]): UnreachablePop;
