import { type Prefix } from '../core/prefix.js';
import { type PlanDiff } from './plan-diff.js';
import { type Plan, type PlannedMove } from './planner.js';
import type { RateUnit } from './rate.js';
import type { RecentDemand } from './sliding-demand.js';
/** A plan line in force: clients inside `prefix` go to `pop` while it can take them. */
export interface LineInForce {
    readonly prefix: Prefix;
    readonly pop: string;
}
export interface CycleInput {
    readonly demand: RecentDemand;
    readonly capacity: ReadonlyMap<string, number>;
    /** POPs that cannot take clients now. */
    readonly out: ReadonlySet<string>;
    readonly highWatermark: number;
    readonly lowWatermark: number;
    /** The most of the demand one apply may send somewhere new (a share). */
    readonly maxMove: number;
    readonly inForce: readonly LineInForce[];
}
/**
 * `apply`: the plan changes what is in force within max_move; `capped`: it would send more than
 * max_move somewhere new, so only its largest new lines that fit are applied now (the rest on later
 * turns); `unchanged`: nothing to change; `over-max-move`: not even one new line fits.
 */
export type CycleAction = 'apply' | 'capped' | 'unchanged' | 'over-max-move';
export interface CycleOutcome {
    readonly plan: Plan;
    readonly diff: PlanDiff;
    readonly action: CycleAction;
    /** The moves to write: the plan's, or under a cap those it keeps and the new ones that fit. */
    readonly moves: readonly PlannedMove[];
    /** The share of the demand the plan sends somewhere new (before any cap). */
    readonly movedShare: number;
    /** Per POP: the demand it carries now, each block where the plan in force sends it. */
    readonly measured: ReadonlyMap<string, number>;
    /** Per POP: the demand it would carry with `moves` in force. */
    readonly projected: ReadonlyMap<string, number>;
}
/** One turn of the loop: the plan for the recent demand, the plan in force its start, and what of it to apply. Pure. */
export declare function planCycle(input: CycleInput): CycleOutcome;
/**
 * Requests counted over a window are a sample: a POP's count of N has a standard deviation of about
 * √N. The loop plans two of them below the high watermark (as a share of capacity, the largest over
 * the POPs), so that a window that happened to count low does not leave a POP over it. Bits are not
 * counts: no margin.
 */
export declare function countingMargin(demand: RecentDemand, load: ReadonlyMap<string, number>, capacity: ReadonlyMap<string, number>): number;
/** Each block's demand at the POP the plan in force sends it to (the longest line covering it whose POP is not out), else its nearest POP not out. */
export declare function loadInForce(input: Pick<CycleInput, 'demand' | 'out' | 'inForce'>): Map<string, number>;
/** A closed loop's last turn, for metrics. */
export interface PlanLoopStatus {
    readonly mode: 'apply' | 'shadow';
    readonly unit: RateUnit;
    /** Unix seconds of the last plan made; undefined before the first. */
    readonly plannedAt: number | undefined;
    readonly demand: number;
    /** Demand the plan made last sends away from its nearest POP. */
    readonly moved: number;
    /** Per POP: capacity, the use the plan last applied (or, in shadow, last made) projected, and the use measured now. */
    readonly pops: ReadonlyArray<{
        readonly pop: string;
        readonly capacity: number;
        readonly projected: number;
        readonly measured: number;
    }>;
    /** The largest gap between projected and measured use over the POPs, as a share of capacity. */
    readonly divergence: number;
    readonly turns: {
        readonly applied: number;
        readonly shadow: number;
        readonly overMaxMove: number;
        readonly skipped: number;
    };
    readonly lines: {
        readonly counted: number;
        readonly bad: number;
        readonly untimed: number;
        readonly failed: number;
    };
}
