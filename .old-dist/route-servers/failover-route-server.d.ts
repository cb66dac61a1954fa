import type { ClientAddress } from '../core/address.js';
import type { Prefix } from '../core/prefix.js';
import type { RouteLookup } from '../core/route.js';
import type { BgpSession } from '../core/bgp-session.js';
import { type RouteServer, type SessionSource } from './route-server.js';
/**
 * Several route servers tried in order. One that is down is skipped at once; one slower than
 * `skipAfterMs` is skipped from then on until its pending query settles, the next one being asked
 * meanwhile. Each member reconnects in the background by itself.
 */
export declare class FailoverRouteServer implements RouteServer, SessionSource {
    #private;
    readonly members: readonly RouteServer[];
    private readonly skipAfterMs;
    constructor(members: readonly RouteServer[], skipAfterMs: number);
    get description(): string;
    get available(): boolean;
    start(): void;
    lookup(address: ClientAddress): Promise<RouteLookup>;
    routesWithin(prefix: Prefix, prefixHasRoute: boolean): Promise<readonly Prefix[] | undefined>;
    bgpSessions(): Promise<readonly BgpSession[] | undefined>;
    close(): Promise<void>;
}
