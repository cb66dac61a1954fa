import { type Prefix } from '../core/prefix.js';
import type { PlannedMove, PrefixDemand } from './planner.js';
/** One line of a plan, with the demand the window measured inside its prefix. */
export interface PlanLine {
    readonly prefix: Prefix;
    readonly pop: string;
    readonly demand: number;
}
/** A plan line as JSON has it (the report, the audit file). */
export declare function planLineRecord(line: PlanLine): {
    prefix: string;
    pop: string;
    demand: number;
};
/** A new plan against the plan in force: what it adds, keeps and returns to the routes. */
export interface PlanDiff {
    readonly added: readonly PlanLine[];
    readonly kept: readonly PlanLine[];
    readonly returned: readonly PlanLine[];
    /** The demand an apply would send somewhere new: the added lines'. */
    readonly moved: number;
}
/** The demand the window measured inside `prefix`: whole deciding prefixes within it, and the leaves of those around it. */
export declare function demandWithin(prefix: Prefix, prefixes: readonly PrefixDemand[]): number;
/** The lines in force, asked which POP they send a block to: the longest line covering it, if any. */
export declare class LinesInForce {
    #private;
    constructor(lines: ReadonlyArray<{
        readonly prefix: Prefix;
        readonly pop: string;
    }>);
    /** The POP the longest line covering `block` names, skipping lines whose POP `skip` says cannot take it. */
    popOf(block: Prefix, skip?: (pop: string) => boolean): string | undefined;
}
/** A move as one move per block (/24, /48) of measured demand inside it, largest first; itself when it has one or none. */
export declare function blocksOf(move: PlannedMove, deciding: PrefixDemand | undefined): PlannedMove[];
/**
 * The moves of a new plan against the lines in force (prefix → POP): the same line kept, any other
 * added or returned. What is moved counts blocks, not lines: a line joined from halves, one of them in
 * force already, moves only the other.
 */
export declare function planDiff(inForce: ReadonlyArray<{
    readonly prefix: Prefix;
    readonly pop: string;
}>, moves: readonly PlannedMove[], prefixes: readonly PrefixDemand[]): PlanDiff;
