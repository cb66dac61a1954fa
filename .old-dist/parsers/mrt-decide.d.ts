import type { Asn } from '../core/asn.js';
import { type DecidedTable } from '../core/decided-table.js';
import { type MrtPeer } from './mrt.js';
export interface DecideOptions {
    /** The POP ASes: only these are kept from each best path. */
    readonly pops: ReadonlySet<Asn>;
    /** Only paths from these peer indexes; undefined: every peer, the shortest path winning. */
    readonly peerIndexes?: (peers: readonly MrtPeer[]) => ReadonlySet<number> | undefined;
    /** Records between yields to the event loop, so that lookups go on while a table loads. */
    readonly recordsPerSlice?: number;
    /** The dump's size in bytes, to size the table. */
    readonly sizeHint: number;
}
/** Whole records of a dump, and where the first of them lies in the file. */
export interface MrtChunk {
    readonly data: Buffer;
    readonly base: number;
}
/**
 * Reads a TABLE_DUMP_V2 dump, chunk by chunk, straight from its bytes into a DecidedTable: for each prefix, the best
 * path (shortest by RFC 4271 length, the first listed on a tie, as before), the POP ASes on it from
 * the origin end, and where its record lies, to read the path again. Nothing is allocated per route.
 */
export declare function decideMrt(chunks: AsyncIterable<MrtChunk> | Iterable<MrtChunk>, file: string, options: DecideOptions): Promise<{
    table: DecidedTable;
    peers: MrtPeer[];
}>;
