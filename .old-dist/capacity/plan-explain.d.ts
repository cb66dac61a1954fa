import { type Prefix } from '../core/prefix.js';
import type { Plan, PlannedMove, PrefixDemand } from './planner.js';
/** Why a prefix is where a plan puts it. */
export interface PlanExplanation {
    readonly prefix: Prefix;
    /** The deciding prefix (the route) that holds it; undefined: no demand was measured there. */
    readonly decidingPrefix: Prefix | undefined;
    /** The demand the window measured inside it. */
    readonly demand: number;
    /** The POPs that can serve it, nearest first, with their AS hops. */
    readonly ranking: PrefixDemand['ranking'];
    /** Its nearest POP that can take clients. */
    readonly home: string | undefined;
    /** The plan's moves inside it or around it. */
    readonly moves: readonly PlannedMove[];
    readonly because: string;
}
/** Why `prefix` is where the plan puts it: its route, its demand, its POPs, and the moves that touch it. */
export declare function explainPlan(prefix: Prefix, prefixes: readonly PrefixDemand[], plan: Plan, out: ReadonlySet<string>): PlanExplanation;
