import type { ClientAddress } from '../core/address.js';
import type { PopRanking } from '../core/pop-ranking.js';
import { type Prefix } from '../core/prefix.js';
import type { PrefixDemand } from './planner.js';
import type { RateUnit } from './rate.js';
/** The busiest window is what capacity is planned for: five minutes, as traffic graphs are read. */
export declare const DEFAULT_DEMAND_WINDOW_SECONDS = 300;
/** The demand the logs show, at their busiest window. */
export interface PeakDemand {
    readonly unit: RateUnit;
    /** Epoch seconds at which the busiest window starts. */
    readonly startSeconds: number;
    readonly windowSeconds: number;
    /** Requests (or bits) per second over that window, every POP together. */
    readonly total: number;
    readonly prefixes: readonly PrefixDemand[];
}
/** A demand tally as JSON, so that each POP summarises its own logs and one place merges them. */
export interface DemandJson {
    readonly window_seconds: number;
    readonly untimed: number;
    /** Lines whose time no request can have (unparsable, out of range, a day ahead), and whose size is past 1 TB. */
    readonly bad_times?: number;
    readonly bad_sizes?: number;
    readonly prefixes: ReadonlyArray<{
        readonly prefix: string;
        readonly ranking: ReadonlyArray<{
            pop: string;
            as: number | null;
            hops: number;
        }>;
    }>;
    /** Per window: its start (epoch seconds) and [prefix index, leaf, requests, bytes] rows. */
    readonly windows: ReadonlyArray<{
        readonly start: number;
        readonly leaves: ReadonlyArray<readonly [number, string, number, number]>;
    }>;
}
export declare class DemandJsonError extends Error {
    name: string;
}
/**
 * Requests per deciding prefix, and inside it per /24 or /48, per window of the logs' own time: the
 * demand a capacity plan needs, in both units. Pure.
 */
export declare class DemandCounter {
    #private;
    readonly windowSeconds: number;
    constructor(windowSeconds?: number);
    /** Requests whose line gave no time: they cannot be placed in a window. */
    get untimed(): number;
    /** Requests left out because their line's time or size is none a request can have. */
    get bad(): {
        readonly times: number;
        readonly sizes: number;
    };
    /** A request whose line gives a time (`time`) or size (`size`) no request can have: counted, and left out. */
    addBad(fault: 'time' | 'size'): void;
    get windows(): number;
    /**
     * One request: from `address`, decided by `prefix` (undefined: no route, served by `ranking`'s only
     * POP), at `timeSeconds`, with a response of `bytes`.
     */
    add(address: ClientAddress, prefix: Prefix | undefined, ranking: () => PopRanking, timeSeconds: number | undefined, bytes: number | undefined): void;
    /** The demand at the busiest window, in `unit`; undefined when no request had a time. */
    peak(unit: RateUnit): PeakDemand | undefined;
    toJson(): DemandJson;
    /** Adds another host's tally (its `demand` JSON); the first ranking seen for a prefix is kept. `source` names it in errors. */
    merge(json: unknown, source: string): void;
}
