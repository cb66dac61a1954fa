import type { PopRanking } from '../core/pop-ranking.js';
import { type Prefix } from '../core/prefix.js';
import { type DemandLeaf } from './demand-item.js';
/** What one deciding prefix asks of the POPs: its demand at the peak, where it may go, and how that demand divides. */
export interface PrefixDemand {
    readonly prefix: Prefix;
    readonly ranking: PopRanking;
    readonly demand: number;
    /** Demand per /24 or /48 inside the prefix; none or one: the prefix moves whole. */
    readonly leaves: readonly DemandLeaf[];
}
export interface PlanInput {
    readonly prefixes: readonly PrefixDemand[];
    /** Each POP's capacity (by its answer), in the demand's unit; a POP without one is not limited. */
    readonly capacity: ReadonlyMap<string, number>;
    /** POPs that cannot take clients (down, drained): nothing is moved to them, and their clients start at the next POP. */
    readonly out?: ReadonlySet<string>;
    /** A POP is kept at or below this share of its capacity (default 0.9). */
    readonly highWatermark?: number;
    /** A prefix the previous plan moved goes back only if its POP stays at or below this share (default 0.75). */
    readonly lowWatermark?: number;
    /** The plan in force, as prefix → POP: its moves are kept unless undoing them fits below the low watermark. */
    readonly previous?: ReadonlyArray<{
        readonly prefix: Prefix;
        readonly pop: string;
    }>;
}
export type MoveReason = 'over-capacity' | 'kept';
/** Demand of `prefix` (a deciding prefix or a part of one) sent to `to` instead of `from`, its nearest serving POP. */
export interface PlannedMove {
    readonly prefix: Prefix;
    readonly decidingPrefix: Prefix;
    readonly demand: number;
    readonly from: string;
    readonly to: string;
    readonly extraHops: number;
    /** `kept`: the previous plan made this move and undoing it would not fit below the low watermark. */
    readonly why: MoveReason;
}
export interface PopLoad {
    readonly pop: string;
    readonly capacity: number | undefined;
    readonly before: number;
    readonly after: number;
    readonly out: boolean;
}
export interface Plan {
    readonly pops: readonly PopLoad[];
    readonly moves: readonly PlannedMove[];
    readonly totalDemand: number;
    /** Σ capacity × high watermark over the POPs that can take clients, when every one of them has a capacity. */
    readonly totalLimit: number | undefined;
    /** The share of capacity each POP is held to: the high watermark, or more when demand exceeds it everywhere. */
    readonly watermark: number;
    /** Demand above its POP's limit that no move could place (no alternate reaches a POP with room). */
    readonly unplaced: number;
    /** Σ demand × extra AS hops over the moves. */
    readonly cost: number;
}
/**
 * Sends each POP no more than its capacity at the high watermark, moving the demand that costs the
 * fewest extra AS hops: a min-cost flow between POPs (successive shortest paths over the cheapest
 * prefix each POP can hand to each other), whose units are prefixes, split in halves down to /24 or /48
 * when one is larger than what must move. Pure.
 */
export declare function planCapacity(input: PlanInput): Plan;
