import { PrefixMap } from '../core/prefix-map.js';
import type { Route } from '../core/route.js';
import { type Steps } from '../core/steps.js';
export declare class RouteTableError extends Error {
    name: string;
}
/**
 * Parses a route table: one `PREFIX AS-PATH` line per prefix (the best path, origin rightmost),
 * `Local` or nothing for an own route, optionally followed by the route server's other paths, each
 * after a `|` (`192.0.2.0/24 64702 64602 | 64600 64601 64602`), `#` comments. Returns routes marked
 * with exclusivity.
 */
export declare function parseRouteTable(text: string, file: string): PrefixMap<Route>;
/** The same in steps (text or UTF-8 bytes), for a table loaded while answers go on. */
export declare function routeTableSteps(data: string | Buffer, file: string): Steps<PrefixMap<Route>>;
/** The routes as listed, marked with exclusivity, in steps. */
export declare function routeListSteps(data: string | Buffer, file: string): Steps<Route[]>;
