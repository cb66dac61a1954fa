import type { Asn } from '../core/asn.js';
import { type DecidedTable } from '../core/decided-table.js';
import type { PlanEntry } from '../core/planned-prefixes.js';
import type { PopTable, PopUnavailable } from '../core/pop-selection.js';
import { type ExportRow } from './decided-rows.js';
/**
 * A ranking class: the POPs that may answer a block, in the order they are tried, self after them
 * all. Written as their AS numbers joined by "-" (`64702-64701`), or `self` when no POP may: a
 * word every engine takes as a map key, and the same for the same ranking in every table. A real
 * table has a few hundred.
 */
export type RankingClass = string & {
    readonly __brand: 'RankingClass';
};
export declare const SELF_CLASS: RankingClass;
/** The ASes of a class, in the order they are tried. */
export declare function asnsOfClass(ranking: RankingClass): Asn[];
/** The class a prefix decided at load: its whole ranking where it keeps one, else the POPs on its best path. */
export declare function classOfPrefix(table: DecidedTable, prefix: number, pops: PopTable): RankingClass;
/**
 * A plan line's class over a block of `routed`: its POP first, then the block's own ranking (a POP
 * planned that is out hands over as the routes would). A line naming self is self; one naming no POP
 * of the config leaves the block as it is.
 */
export declare function plannedClass(pop: string, routed: RankingClass, pops: PopTable, self: string): RankingClass | undefined;
/** The answer for a class under the POP state now: its first POP that can take clients, else self. */
export declare function classAnswer(ranking: RankingClass, pops: PopTable, self: string, unavailable?: PopUnavailable): string;
/**
 * The table's blocks, each with its class instead of its answer: what changes only with the routes
 * and the plan. Blocks of the self class are left out unless `withSelf`, as the flat export leaves
 * self's; `seen` collects every class written.
 */
export declare function classRows(table: DecidedTable, pops: PopTable, self: string, plan: readonly PlanEntry[], seen: Set<RankingClass>, withSelf?: boolean): Generator<ExportRow>;
/**
 * The plan's blocks alone, each with its planned class (self's included): the third table, looked up
 * before the class table, so that a plan change rewrites a few lines and never the table. A plan
 * line naming no POP of the config has no block: the class table answers there.
 */
export declare function planClassRows(table: DecidedTable, pops: PopTable, self: string, plan: readonly PlanEntry[], seen: Set<RankingClass>): Generator<ExportRow>;
/** Each class and its answer now, self's first and the rest in a stable order: the small table. */
export declare function classAnswers(classes: Iterable<RankingClass>, pops: PopTable, self: string, unavailable?: PopUnavailable): Array<{
    readonly ranking: RankingClass;
    readonly answer: string;
}>;
