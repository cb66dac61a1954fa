import { type DecidedTable } from '../core/decided-table.js';
import type { PopTable, PopUnavailable } from '../core/pop-selection.js';
import type { PlanEntry } from '../core/planned-prefixes.js';
/** One block of addresses and the answer for all of them. */
export interface ExportRow {
    readonly cidr: string;
    readonly answer: string;
}
export interface AnswerRules {
    readonly pops: PopTable;
    readonly self: string;
    /** POPs out now (drained, unhealthy): their clients go to the next POP on the path, as live answers do. */
    readonly unavailable?: PopUnavailable;
    /** The capacity plan's lines in force: their prefixes get the planned POP while it can take clients. */
    readonly plan?: readonly PlanEntry[];
}
/** A prefix's answer: the first POP from the origin that can serve, else self. */
export declare function answerFor(table: DecidedTable, index: number, rules: AnswerRules): string;
/** A run of addresses [first, last] with one value, as the fewest aligned blocks. */
export declare function rangeRows(family: 4 | 6, first: number | bigint, last: number | bigint, answer: string): ExportRow[];
/**
 * What each block of a table says: `routed` for the addresses whose most specific prefix is `prefix`
 * (NO_PREFIX: no route), `planned` for a plan line's piece of them (undefined: the routed value), and
 * `omitted`, a value whose blocks are left out for the engine's default to give.
 */
export interface BlockValues {
    readonly routed: (prefix: number) => string;
    readonly planned: (pop: string, routed: string) => string | undefined;
    readonly omitted?: string;
}
/**
 * The whole table as CIDR blocks and a value for each, for engines that do longest-prefix (or
 * any-match) lookups themselves. Exact by construction: nested prefixes are first flattened into
 * ranges that do not overlap, neighbouring ranges with the same value are merged, and each run is cut
 * into the fewest aligned blocks; a plan's lines cut the ranges they fall in.
 */
export declare function blockRows(table: DecidedTable, plan: readonly PlanEntry[], values: BlockValues): Generator<ExportRow>;
/**
 * The table's blocks and their answers under these rules. Addresses answered `self` (no POP nearer,
 * or no route) are left out, the engine's default giving them self, unless `withSelf` (an engine that
 * must find every address, and says how far its answer holds).
 */
export declare function exportRows(table: DecidedTable, rules: AnswerRules, withSelf?: boolean): Generator<ExportRow>;
