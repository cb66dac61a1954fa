import { type Prefix } from '../core/prefix.js';
import { type RouteReply } from '../core/route.js';
/** GateD writes `192.168.193/24` and `127/8`: the octets it leaves out are zero. */
export declare function parseGatedPrefix(text: string): Prefix | undefined;
/**
 * Parses GII's `show ip walkup A.B.C.D/32`: one `100 PROTO DEST/LEN NEXTHOP AS-PATH ORIGIN (Id N)` line
 * per less-specific active route; the longest prefix is the route. A first digit other than 1 is
 * GII's error; no line at all is no route.
 */
export declare function parseGiiWalkup(reply: string): RouteReply;
