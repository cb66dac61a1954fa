import { type LineInForce, type PlanLoopStatus } from '../capacity/plan-cycle.js';
import type { Config } from '../config/config.js';
import type { Resolver } from '../resolver/resolver.js';
export interface PlanLoopLog {
    line(text: string): void;
    /** Rate-limited per `kind`; true when written. */
    warnLimited(kind: string, text: string): boolean;
}
export interface PlanLoopDeps {
    readonly resolver: Resolver;
    /** The configuration in force now: capacity, watermarks, max_move and plan_mode are read every turn. */
    readonly config: () => Config;
    /** POPs that cannot take clients now. */
    readonly out: () => ReadonlySet<string>;
    /** The plan file's lines in force now. */
    readonly inForce: () => readonly LineInForce[];
    readonly log: PlanLoopLog;
    readonly version: string;
    /** After each turn (planned or not): metrics are written then. */
    readonly onTurn?: () => void;
}
/**
 * The closed loop of `--serve`: `demand_log` files followed, each line answered as log mode answers
 * it and counted into a sliding window of `demand_window` seconds; every `plan_interval` a plan made
 * from that window with the plan in force as its start (the same hysteresis as --plan), and written
 * to `plan_file` when it changes something within `max_move` (in `plan_mode shadow`, only logged), with
 * its audit line. Every process that watches the plan file, this one's exports included, takes it from
 * there. No plan is made until the logs have been followed for a whole window, nor from a window in
 * which a line could not be answered or no request came: an empty window is not a quiet hour.
 */
export declare class PlanLoop {
    #private;
    constructor(deps: PlanLoopDeps);
    start(): Promise<void>;
    stop(): Promise<void>;
    status(): PlanLoopStatus;
}
