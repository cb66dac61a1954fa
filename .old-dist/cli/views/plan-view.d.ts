import type { OutputFormat } from '../../config/config.js';
import type { PeakDemand } from '../../capacity/demand.js';
import { type PlanDiff } from '../../capacity/plan-diff.js';
import type { PlanExplanation } from '../../capacity/plan-explain.js';
import type { Plan } from '../../capacity/planner.js';
import type { PopLoss } from '../../capacity/pop-loss.js';
import { type RateUnit } from '../../capacity/rate.js';
import type { Paint } from './paint.js';
/** A plan and what it was made from, as reported. */
export interface PlanReport {
    readonly plan: Plan;
    readonly peak: PeakDemand;
    readonly highWatermark: number;
    readonly lowWatermark: number;
    /** POPs out (down, drained, unhealthy, or --without) when it was made. */
    readonly out: readonly string[];
    /** Against the plan in force, when there is a plan file. */
    readonly diff?: PlanDiff;
    /** --explain PREFIX: why that prefix is where the plan puts it. */
    readonly explanation?: PlanExplanation;
    /** For each POP serving clients: whether the others would absorb its loss. */
    readonly losses: readonly PopLoss[];
}
/** The plan as people read it: how it was made, each POP before and after against its capacity, and each move. */
export declare function planTable(report: PlanReport, paint: Paint): string;
/** What the plan could not do, said plainly. */
export declare function warnings(report: PlanReport): string[];
/** The plan for a program: JSON, or TSV rows whose first column names their kind. */
export declare function planText(report: PlanReport, format: OutputFormat, paint: Paint): string;
/** The unit of a plan made for these capacities. */
export declare function unitOf(capacityUnits: readonly RateUnit[]): RateUnit;
