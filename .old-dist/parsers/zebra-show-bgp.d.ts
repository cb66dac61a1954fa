import type { BgpSession } from '../core/bgp-session.js';
import { type Prefix } from '../core/prefix.js';
import { type RouteReply } from '../core/route.js';
/**
 * Parses `show ip bgp A.B.C.D` / `show bgp ipv6 X::Y` detail output. The best path is the block whose
 * status line carries the `best` flag; `best #K` is only a fallback because the block order varies
 * between runs and the `bestpath` keyword prints one block under the same header.
 */
export declare function parseZebraShowBgp(text: string): RouteReply;
/**
 * The prefixes listed by `show ip bgp P/L longer-prefixes` (or `show bgp ipv6 …`): every route inside
 * P, P itself included. FRR prints nothing at all when there is none. Undefined for a reply that is
 * not such a table.
 */
export declare function parseLongerPrefixes(text: string): Prefix[] | undefined;
/** Reads `Displayed  N routes` from `show ip bgp P/L longer-prefixes`; undefined when absent. */
export declare function parseLongerPrefixesCount(text: string): number | undefined;
/**
 * The sessions in `show bgp summary` (FRR, Quagga; IOS's `show ip bgp summary` has the same columns):
 * a session is established when its State/PfxRcd column is a prefix count rather than a state name.
 * Each neighbor once, whatever the address families.
 */
export declare function parseBgpSummary(text: string): BgpSession[];
/**
 * `show ip bgp regexp _ASN_` (Zebra, Quagga, FRR): how many routes have a path through the AS; FRR
 * says nothing at all when none does. Undefined for a reply it cannot read (an error, another router).
 */
export declare function parseRoutesThrough(reply: string): number | undefined;
