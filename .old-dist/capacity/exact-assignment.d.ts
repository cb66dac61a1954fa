/** One block of demand that goes to one POP whole, and the POPs it may go to with what each costs per unit of demand. */
export interface AssignmentUnit {
    readonly demand: number;
    /** POP indexes and extra hops, nearest first; the first costs 0. At least two. */
    readonly choices: readonly {
        readonly pop: number;
        readonly hops: number;
    }[];
}
export interface AssignmentProblem {
    readonly units: readonly AssignmentUnit[];
    /** Per POP: demand that is not a unit (it cannot move), already there. */
    readonly baseLoad: ArrayLike<number>;
    /** Per POP: the most it may carry (Infinity: no limit). */
    readonly limit: ArrayLike<number>;
    /** Per unit: the POP it is at now, the answer to beat. */
    readonly start: ArrayLike<number>;
    /** Search steps before the best found so far is taken: bounds the time on instances too large to search whole. */
    readonly stepBudget: number;
}
export interface Assignment {
    /** Per unit: its POP. */
    readonly pops: Int32Array;
    /** Σ demand above each POP's limit. */
    readonly over: number;
    /** Σ demand × extra hops. */
    readonly cost: number;
    /** Whether the search ran to its end: the assignment is then the best there is. */
    readonly proven: boolean;
}
/**
 * The assignment of whole blocks to POPs with the least demand over any limit, and then the least
 * cost: branch and bound from `start`, largest blocks first, nearest POP first, bounded below by the
 * cheapest fractional way to bring each POP's own remaining blocks within its limit. Replaces `start`
 * only by something strictly better, so equal answers keep what is in force. Pure and deterministic.
 */
export declare function bestAssignment(problem: AssignmentProblem): Assignment;
