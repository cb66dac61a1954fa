/** A fault in gzip input, raised only after every byte decompressed before it has been given out. */
export declare class GzipFault extends Error {
    name: string;
}
/**
 * Decompresses gzip input, every member in turn (`cat a.gz b.gz`), yielding the decompressed bytes as
 * they come. Unlike node's Gunzip, which drops the last piece it decompressed when the trailer or what
 * follows is bad, every byte inflated is given out before a GzipFault: a bad CRC, a truncated member,
 * or trailing garbage (as gzip itself, which writes the data and then complains).
 */
export declare function gunzipMembers(first: Buffer, source: AsyncIterable<Buffer>): AsyncGenerator<Buffer>;
