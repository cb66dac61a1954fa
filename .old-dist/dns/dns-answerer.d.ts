import { type Resolver } from '../resolver/resolver.js';
export interface DnsAnswererOptions {
    /** Steered names, lower case, without the trailing dot. */
    readonly names: readonly string[];
    readonly addresses: ReadonlyMap<string, readonly string[]>;
    readonly ttl: number;
    readonly zone: string | undefined;
    readonly deadlineMs: number;
    readonly version: string;
    /** Told of what pdns should know (an old ABI, garbage), rate-limited by the caller. */
    readonly warn: (kind: string, text: string) => void;
}
/**
 * The pipe backend's answers: each request line in, one response block out (DATA… END, FAIL, or the
 * HELO's OK). SOA lookups never wait on the route server; a steered name's A, AAAA or CNAME come from
 * the decision for the client (the ECS subnet on ABI 3 and up), within the deadline, with the ECS
 * scope of the widest prefix the answer is known to hold for.
 */
export declare class DnsAnswerer {
    #private;
    private readonly resolver;
    private readonly options;
    constructor(resolver: Resolver, options: DnsAnswererOptions);
    get abi(): number;
    answer(line: string): string | Promise<string>;
}
