import { type RouteReply } from '../core/route.js';
/** Parses FRR's `show ip bgp ADDRESS json` / `show bgp ipv6 ADDRESS json`: `{}` is no route. */
export declare function parseFrrJsonShowBgp(text: string): RouteReply;
