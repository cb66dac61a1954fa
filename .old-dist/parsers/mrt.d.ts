import type { AsPath } from '../core/as-path.js';
import type { Prefix } from '../core/prefix.js';
/** RFC 6396 TABLE_DUMP_V2, with the RFC 8050 ADD-PATH RIB subtypes. */
export declare const MRT_TABLE_DUMP_V2 = 13;
export declare enum TableDumpV2 {
    PeerIndexTable = 1,
    RibIpv4Unicast = 2,
    RibIpv6Unicast = 4,
    RibIpv4UnicastAddPath = 8,
    RibIpv6UnicastAddPath = 10
}
export declare class MrtError extends Error {
    name: string;
}
export interface MrtPeer {
    readonly index: number;
    readonly address: string;
    readonly asn: number;
}
/** One prefix's paths as dumped: raw AS_PATH bytes, decoded only for the path that is chosen. */
export interface MrtRibEntry {
    readonly peerIndex: number;
    readonly asPath: Buffer | undefined;
}
export interface MrtRib {
    readonly prefix: Prefix;
    readonly entries: readonly MrtRibEntry[];
}
export type MrtRecord = {
    readonly kind: 'peers';
    readonly peers: readonly MrtPeer[];
} | {
    readonly kind: 'rib';
    readonly rib: MrtRib;
} | {
    readonly kind: 'other';
};
/** Walks the records of a dump; `offset` lets a caller resume, to load in slices. */
export declare function readMrtRecord(data: Buffer, offset: number): {
    record: MrtRecord;
    next: number;
};
/** RFC 4271 path length: each AS of a sequence counts, a set counts one, confederation segments none. */
export declare function asPathBytesLength(bytes: Buffer | undefined): number;
/** Decodes AS_PATH bytes (4-byte ASNs, as TABLE_DUMP_V2 requires). */
export declare function decodeAsPath(bytes: Buffer | undefined): AsPath;
