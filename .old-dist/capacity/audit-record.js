import { formatPrefix } from '../core/prefix.js';
import { planLineRecord } from './plan-diff.js';
/** The audit file's line for one apply: who, when, from what, what moved and why, and the use it projects. */
export function auditLine(f) {
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
//# sourceMappingURL=audit-record.js.map