/** One request from PowerDNS's pipe backend (doc/backends/pipe, as measured on 4.7). */
export type PipeRequest = {
    readonly kind: 'helo';
    readonly abi: number;
} | {
    readonly kind: 'query';
    /** Lower case, without the trailing dot; the root is `.`. */
    readonly qname: string;
    readonly qtype: string;
    readonly zoneId: string;
    /** The resolver's address (field 6). */
    readonly remote: string;
    /** ABI 3 and up: the ECS source `net/bits`, or the remote as /32 or /128 (field 8). */
    readonly realRemote: string | undefined;
} | {
    readonly kind: 'axfr';
    readonly zoneId: string;
} | {
    readonly kind: 'cmd';
    readonly text: string;
} | {
    readonly kind: 'garbage';
    readonly line: string;
};
export declare function parsePipeRequest(line: string): PipeRequest;
export interface PipeRecord {
    readonly qname: string;
    readonly qtype: string;
    readonly ttl: number;
    readonly content: string;
    /** ECS scope: 0 for answers the same for every client. */
    readonly scopeBits: number;
}
/** The response block for one request: DATA lines then END, in the ABI's format, as one string. */
export declare function pipeResponse(abi: number, records: readonly PipeRecord[], zoneId: string): string;
