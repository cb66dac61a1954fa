import { formatPrefix } from '../core/prefix.js';
import { type PlanDiff, planLineRecord } from './plan-diff.js';
import type { Plan } from './planner.js';
import type { RateUnit } from './rate.js';

/** What one apply was made from and did: one line of the audit file. */
export interface AuditFacts {
  readonly time: Date;
  readonly user: string;
  readonly version: string;
  readonly planFile: string | undefined;
  /** The inputs read, with a digest of each where it is a file. */
  readonly inputs: ReadonlyArray<{ readonly file: string; readonly sha256?: string | undefined }>;
  readonly window: { readonly startSeconds: number; readonly seconds: number };
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
export function auditLine(f: AuditFacts): string {
  const { plan, diff } = f;
  return `${JSON.stringify({
    time: f.time.toISOString(),
    user: f.user,
    version: f.version,
    by: f.by,
    planFile: f.planFile,
    inputs: f.inputs,
    window: { start: new Date(f.window.startSeconds * 1000).toISOString(), seconds: f.window.seconds },
    unit: f.unit === 'requests' ? 'requests/s' : 'bits/s',
    highWatermark: f.highWatermark,
    lowWatermark: f.lowWatermark,
    maxMove: f.maxMove,
    forced: f.forced,
    out: f.out,
    totalDemand: plan.totalDemand,
    moves: plan.moves.map((m) => ({
      prefix: formatPrefix(m.prefix),
      from: m.from,
      to: m.to,
      demand: m.demand,
      extraHops: m.extraHops,
      why: m.why,
    })),
    added: diff?.added.map(planLineRecord) ?? [],
    returned: diff?.returned.map(planLineRecord) ?? [],
    projected: plan.pops.map((p) => ({
      pop: p.pop,
      capacity: p.capacity,
      after: p.after,
      use: p.capacity ? p.after / p.capacity : undefined,
    })),
  })}\n`;
}
