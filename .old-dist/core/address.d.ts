export type AddressFamily = 4 | 6;
/** A client address in canonical text form: the only thing ever written to a route server. */
export type ClientAddress = {
    readonly family: 4;
    readonly text: string;
    readonly value: number;
} | {
    readonly family: 6;
    readonly text: string;
    readonly value: bigint;
};
export type KeyRejection = 'empty' | 'too-long' | 'not-an-address';
export type ParsedKey = {
    readonly ok: true;
    readonly address: ClientAddress;
} | {
    readonly ok: false;
    readonly reason: KeyRejection;
};
/**
 * Turns a lookup key (as Apache sends it: any bytes, decoded as latin1) into a canonical address.
 * Leading zeros in IPv4 are refused: `010.1.1.1` is octal to inet_aton and decimal elsewhere.
 */
export declare function parseClientKey(key: string): ParsedKey;
export declare function parseClientAddress(text: string): ClientAddress | undefined;
/** A dotted quad's value; leading zeros refused. */
export declare function parseIpv4Value(text: string): number | undefined;
export declare function ipv4ToText(value: number): string;
/** RFC 5952's form (lower case, no leading zeros, the longest run of two or more zero groups as `::`). */
export declare function ipv6ToText(value: bigint): string;
