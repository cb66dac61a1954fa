import { type PlanDiff } from './plan-diff.js';
import type { Plan } from './planner.js';
import type { RateUnit } from './rate.js';
/** What one apply was made from and did: one line of the audit file. */
export interface AuditFacts {
    readonly time: Date;
    readonly user: string;
    readonly version: string;
    readonly planFile: string | undefined;
    /** The inputs read, with a digest of each where it is a file. */
    readonly inputs: ReadonlyArray<{
        readonly file: string;
        readonly sha256?: string | undefined;
    }>;
    readonly window: {
        readonly startSeconds: number;
        readonly seconds: number;
    };
    readonly unit: RateUnit;
    readonly highWatermark: number;
    readonly lowWatermark: number;
    readonly maxMove: number;
    readonly forced: boolean;
    /** `--plan --apply` by hand, or the loop in --serve. */
    readonly by: 'plan' | 'serve';
    readonly out: readonly string[];
    readonly plan: Plan;
    readonly diff: PlanDiff | undefined;
}
/** The audit file's line for one apply: who, when, from what, what moved and why, and the use it projects. */
export declare function auditLine(f: AuditFacts): string;
