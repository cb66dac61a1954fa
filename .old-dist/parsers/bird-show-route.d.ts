import { type RouteReply } from '../core/route.js';
/**
 * Parses `show route for ADDRESS all`. BIRD lists the best route first, marked `*`; the full AS path
 * is on its `BGP.as_path:` line, absent for a non-BGP (own) route. 8001 means no route.
 */
export declare function parseBirdShowRoute(reply: string): RouteReply;
/** Reads the network count from `show route in P/L count`; undefined when absent. */
export declare function parseBirdRouteCount(reply: string): number | undefined;
