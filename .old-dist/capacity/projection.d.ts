import type { PeakDemand } from './demand.js';
/** One POP's demand at the logs' busiest window against its capacity, now and with some POPs drained. */
export interface CapacityRow {
    readonly pop: string;
    readonly capacity: number | undefined;
    readonly demand: number;
    /** With `without`: the demand it would take with those POPs drained, each prefix at its next POP. */
    readonly projected: number | undefined;
}
/** Where each prefix's peak demand lands with no plan: now, and with `drained` out (the summary's what-if). */
export declare function capacityProjection(peak: PeakDemand, capacity: ReadonlyMap<string, number>, drained: readonly string[]): CapacityRow[];
