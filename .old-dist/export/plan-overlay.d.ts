import type { PlanEntry } from '../core/planned-prefixes.js';
type Bound = number | bigint;
/** A run of addresses with one planned POP, the most specific plan line winning. */
export interface PlannedRange {
    readonly first: Bound;
    readonly last: Bound;
    readonly pop: string;
}
/** A family's plan lines as ranges that do not overlap, in address order; a nested line cuts its wider one. */
export declare function plannedRanges(entries: readonly PlanEntry[], family: 4 | 6): PlannedRange[];
/**
 * Cuts a run of addresses [first, last] with an answer into pieces by the planned ranges (sorted,
 * apart): `planned(pop, answer)` says what a planned piece answers, undefined leaving the run's own answer.
 */
export declare function overlay(first: Bound, last: Bound, answer: string, ranges: readonly PlannedRange[], from: {
    index: number;
}, planned: (pop: string, answer: string) => string | undefined): Generator<{
    first: Bound;
    last: Bound;
    answer: string;
}>;
export {};
