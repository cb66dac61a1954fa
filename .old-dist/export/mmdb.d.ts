import type { ExportRow } from './decided-rows.js';
/**
 * MaxMind DB (format 2.0, https://maxmind.github.io/MaxMind-DB/): a binary search tree over the
 * address bits with 32-bit records, a data section with one `{ "pop": ANSWER, "city": { "names": { "en":
 * ANSWER } } }` map per answer, and
 * the metadata. One IPv6 tree: IPv4 blocks sit under ::/96, where readers look IPv4 addresses up,
 * and ::ffff:0:0/96 (IPv4-mapped addresses) leads to the same subtree, as MaxMind's own writers alias
 * it, so that `::ffff:a.b.c.d` is answered from IPv4 routes as everywhere else. IPv6 routes inside
 * either /96 have no place of their own and are left out (IPv4 lookups own that space). Given
 * blocks for every address (self's too), every lookup finds an answer and the block it holds for.
 */
export declare function mmdbFile(rows: Iterable<ExportRow>, description: string, buildEpochSeconds: number): Buffer;
/** mmdbFile a row at a time, so that a caller can let other work run between rows. */
export declare class MmdbBuilder {
    #private;
    constructor();
    add(row: ExportRow): void;
    finish(description: string, buildEpochSeconds: number): Buffer;
}
