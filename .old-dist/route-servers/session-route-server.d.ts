import type { ClientAddress } from '../core/address.js';
import type { Prefix } from '../core/prefix.js';
import { type RouteLookup, type RouteReply } from '../core/route.js';
import type { BgpSession } from '../core/bgp-session.js';
import { RouteServerError, type RouteServer, type RouteServerListener, type SessionSource, type PathSearch } from './route-server.js';
/** A logged-in command session to a router: one command at a time, dead after any failure. */
export interface RouterSession {
    readonly alive: boolean;
    /** Names the far end once connected (a vty's hostname, BIRD's version), for logs. */
    readonly greeting: string;
    run(command: string): Promise<string>;
    /** Settles with the failure that ended the session. */
    readonly died: Promise<RouteServerError>;
    close(): void;
}
/** What differs between routers: how to connect, what to ask, how to read the answer. */
export interface RouterCommands {
    /** e.g. `zebra 127.0.0.1:2605`. */
    readonly description: string;
    open(): Promise<RouterSession>;
    /** Undefined: the router keeps no table for this address family, so there is no route. */
    lookupCommand(address: ClientAddress): string | undefined;
    parseLookup(reply: string): RouteReply;
    /** Absent: the router cannot list the routes inside a prefix. */
    routesWithinCommand?(prefix: Prefix): string;
    parseRoutesWithin?(reply: string, prefix: Prefix, prefixHasRoute: boolean): readonly Prefix[] | undefined;
    /** Absent: the router cannot say which routes have a path through an AS. */
    routesThroughCommands?(asn: number): readonly string[];
    parseRoutesThrough?(reply: string): number | undefined;
    /** Absent: the router cannot show its BGP sessions. */
    readonly sessionsCommand?: string;
    parseSessions?(reply: string): readonly BgpSession[];
}
type State = 'idle' | 'connecting' | 'up' | 'down' | 'closed';
/** A session that ends sooner than this after login was not healthy: reconnecting to it backs off. */
export declare const STABLE_SESSION_MS = 1000;
/**
 * Reconnect delays after consecutive failures: quick at first, capped so a dead router costs little.
 * A refused login waits a minute: it will not mend itself, and routers may lock out repeated tries.
 */
export declare function reconnectDelayMs(failures: number, failure?: RouteServerError['failure']): number;
/**
 * A route server reached through a router's command session. One session, shared and queued; when it
 * dies it is reopened in the background: at once after a session that had been healthy for a while
 * ends (an idle close), otherwise with capped backoff, so a router that accepts and then drops
 * sessions is not hammered. Meanwhile the server reports itself unavailable.
 */
export declare class SessionRouteServer implements RouteServer, SessionSource, PathSearch {
    #private;
    readonly commands: RouterCommands;
    private readonly onEvent?;
    constructor(commands: RouterCommands, onEvent?: RouteServerListener | undefined);
    get description(): string;
    /** A first connection, or a reconnection after a clean close, is worth waiting for; a retry is not. */
    get available(): boolean;
    get state(): State;
    get lastError(): RouteServerError | undefined;
    start(): void;
    lookup(address: ClientAddress): Promise<RouteLookup>;
    routesWithin(prefix: Prefix, prefixHasRoute: boolean): Promise<readonly Prefix[] | undefined>;
    routesThrough(asn: number): Promise<number | undefined>;
    bgpSessions(): Promise<readonly BgpSession[] | undefined>;
    close(): Promise<void>;
}
export {};
