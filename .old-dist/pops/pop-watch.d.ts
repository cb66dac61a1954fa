import type { Config } from '../config/config.js';
import type { PopUnavailable } from '../core/pop-selection.js';
import type { BgpSession } from '../core/bgp-session.js';
import { type RouteServer } from '../route-servers/route-server.js';
import type { HealthRecord } from './health-state.js';
import type { Settling } from './table-settling.js';
import { PopAvailability, type PopState, type PopStateChange } from './pop-availability.js';
/** What the watch saw, said once each. */
export type PopWatchEvent = 
/** A POP can take clients again, or no longer can. */
{
    readonly kind: 'pop';
    readonly change: PopStateChange;
}
/** The drain file changed (or an entry's time ran out). */
 | {
    readonly kind: 'drain';
    readonly file: string;
    readonly inForce: number;
}
/** A health check went up or down. */
 | {
    readonly kind: 'health';
    readonly host: string;
    readonly url: string;
    readonly record: HealthRecord;
}
/** The route server's table is whole again after `settledMs` in doubt (a reconnect, a session coming up). */
 | {
    readonly kind: 'table-settled';
    readonly settledMs: number;
    readonly why: string;
}
/** Routes came or went at the route server since its sessions were last looked at (BIRD counts them). */
 | {
    readonly kind: 'routes-changed';
}
/** A problem worth a rate-limited line; `topic` groups repeats. */
 | {
    readonly kind: 'warning';
    readonly topic: string;
    readonly message: string;
};
export interface PopWatchOptions {
    /** Live state (BGP sessions, health probes) steers answers: batch, DNS and the prompt, not log runs. */
    readonly live: boolean;
    /** With `live`, whether the route server's BGP sessions are watched too (not for --exabgp, which asks it nothing). */
    readonly sessions?: boolean;
    readonly version: string;
}
export interface HealthView {
    readonly host: string;
    readonly url: string;
    readonly record: HealthRecord;
}
/**
 * Everything that can take a POP out: its BGP sessions on the route server, its health checks, the
 * drain file. Built from the configuration and rebuilt in part when it changes.
 */
export declare class PopWatch {
    #private;
    private readonly options;
    private readonly onEvent;
    readonly availability: PopAvailability;
    constructor(config: Config, routeServer: RouteServer, options: PopWatchOptions, onEvent: (event: PopWatchEvent) => void);
    /** Whether any check can take a POP out: if none, answers need not ask. */
    get active(): boolean;
    get unavailable(): PopUnavailable | undefined;
    /** Why a POP is out by the drain file alone: what one-shot and log answers follow, however sessions flap. */
    get drained(): PopUnavailable | undefined;
    /** Why the route server's table may still be arriving; undefined when whole (or when sessions are not watched). */
    get settling(): Settling | undefined;
    /** The route server (re)connected: until its sessions are up and their tables in, its answers are not cached. */
    routeServerConnected(): void;
    get bgpSessions(): readonly BgpSession[] | undefined;
    get drainFile(): string | undefined;
    states(): readonly PopState[];
    health(): readonly HealthView[];
    /**
     * Settles once the first look at sessions and health is in, for a one-off status: each health check
     * probed as often as `health_fall` (or `health_rise`) needs to decide it, bounded by that many timeouts.
     */
    firstLook(): Promise<void>;
    /** A changed configuration: new POPs, drain file and health checks apply at once. */
    reconfigure(next: Config): void;
    close(): void;
}
