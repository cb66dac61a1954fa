/** A 32-bit autonomous system number (RFC 6793), always held in asplain form. */
export type Asn = number;
/** Parses asplain (`4200000001`) or asdot (`64086.59905`, RFC 5396), with an optional `AS` prefix. */
export declare function parseAsn(text: string): Asn | undefined;
