import { type Plan, type PlanInput } from './planner.js';
/** What losing one POP would do: its clients go to their next POPs, planned again from the plan made. */
export interface PopLoss {
    readonly pop: string;
    /** Its demand in the plan: what the others would have to take. */
    readonly demand: number;
    /** The others take it, each within the high watermark. */
    readonly absorbed: boolean;
    /** The remaining POP with a capacity left at the highest share of it, and that share. */
    readonly busiest: {
        readonly pop: string;
        readonly use: number;
    } | undefined;
    /** Demand that would stay over a POP's limit (past the high watermark when not absorbed). */
    readonly over: number;
}
/**
 * For each POP serving clients in `plan`, the plan made again with it out as well, the plan in force
 * being `plan` itself: whether the others absorb it within the high watermark, and which is busiest.
 * Largest demand first. Pure.
 */
export declare function lossOfEachPop(input: PlanInput, plan: Plan): PopLoss[];
