/**
 * Reads a MaxMind DB back before it replaces one an engine has open: PowerDNS's geoip backend drops
 * every database when one fails to open on reload, so a file that does not parse must never be put in
 * place. Checks what a reader relies on: the metadata, every reachable tree record in range and none
 * left empty (every address has an entry), and every record's data decoding to a map with a string `pop`.
 */
export declare class MmdbFormatError extends Error {
    readonly name = "MmdbFormatError";
}
export interface MmdbSummary {
    readonly nodeCount: number;
    /** Distinct answers the records lead to. */
    readonly answers: readonly string[];
}
/** Checks a whole MaxMind DB as a reader would open and walk it; throws MmdbFormatError saying what is wrong. */
export declare function checkMmdb(bytes: Buffer): MmdbSummary;
/** The part of a MaxMind DB that changes only with its blocks: everything before the metadata, which carries the build time. */
export declare function mmdbContent(bytes: Buffer): Buffer;
