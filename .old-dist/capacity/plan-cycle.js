import { formatPrefix } from '../core/prefix.js';
import { blocksOf, LinesInForce, planDiff } from './plan-diff.js';
import { planCapacity } from './planner.js';
/** One turn of the loop: the plan for the recent demand, the plan in force its start, and what of it to apply. Pure. */
export function planCycle(input) {
    const measured = loadInForce(input);
    const planInput = {
        prefixes: input.demand.prefixes,
        capacity: input.capacity,
        out: input.out,
        highWatermark: input.highWatermark - countingMargin(input.demand, measured, input.capacity),
        lowWatermark: input.lowWatermark,
        previous: input.inForce,
    };
    const plan = planCapacity(planInput);
    const diff = planDiff(input.inForce, plan.moves, input.demand.prefixes);
    const movedShare = plan.totalDemand > 0 ? diff.moved / plan.totalDemand : 0;
    const outcome = (action, moves) => ({
        plan,
        diff,
        action,
        moves,
        movedShare,
        measured,
        projected: loadInForce({ ...input, inForce: moves.map((m) => ({ prefix: m.prefix, pop: m.to })) }),
    });
    if (diff.added.length === 0 && diff.returned.length === 0)
        return outcome('unchanged', plan.moves);
    if (movedShare <= input.maxMove + 1e-9)
        return outcome('apply', plan.moves);
    const lines = new LinesInForce(input.inForce);
    const deciding = new Map(input.demand.prefixes.map((p) => [formatPrefix(p.prefix), p]));
    let room = input.maxMove * plan.totalDemand + 1e-9;
    const moves = [];
    let fitted = 0;
    // Largest first (the plan's own order): the fewest lines that relieve the most. A line whose new
    // blocks do not fit in what is left goes block by block (/24, /48).
    for (const move of plan.moves) {
        const blocks = blocksOf(move, deciding.get(formatPrefix(move.decidingPrefix)));
        const fresh = blocks.filter((b) => lines.popOf(b.prefix) !== move.to);
        const freshDemand = fresh.reduce((sum, b) => sum + b.demand, 0);
        if (freshDemand <= room) {
            moves.push(move);
            room -= freshDemand;
            if (fresh.length > 0)
                fitted++;
            continue;
        }
        for (const block of blocks) {
            if (lines.popOf(block.prefix) === move.to)
                moves.push(block);
            else if (block.demand <= room) {
                room -= block.demand;
                moves.push(block);
                fitted++;
            }
        }
    }
    return fitted === 0 ? outcome('over-max-move', []) : outcome('capped', moves);
}
/**
 * Requests counted over a window are a sample: a POP's count of N has a standard deviation of about
 * √N. The loop plans two of them below the high watermark (as a share of capacity, the largest over
 * the POPs), so that a window that happened to count low does not leave a POP over it. Bits are not
 * counts: no margin.
 */
export function countingMargin(demand, load, capacity) {
    const seconds = demand.endSeconds - demand.startSeconds;
    if (demand.unit !== 'requests' || !(seconds > 0))
        return 0;
    let margin = 0;
    for (const [pop, perSecond] of load) {
        const cap = capacity.get(pop);
        if (cap === undefined || !(cap > 0))
            continue;
        margin = Math.max(margin, (2 * Math.sqrt(perSecond * seconds)) / seconds / cap);
    }
    return Math.min(margin, 0.1);
}
/** Each block's demand at the POP the plan in force sends it to (the longest line covering it whose POP is not out), else its nearest POP not out. */
export function loadInForce(input) {
    const lines = new LinesInForce(input.inForce);
    const load = new Map();
    for (const p of input.demand.prefixes) {
        const nearest = p.ranking.find((r) => !input.out.has(r.answer))?.answer;
        const blocks = p.leaves.length > 0 ? p.leaves : [{ prefix: p.prefix, demand: p.demand }];
        for (const block of blocks) {
            const pop = lines.popOf(block.prefix, (planned) => input.out.has(planned)) ?? nearest;
            if (pop !== undefined)
                load.set(pop, (load.get(pop) ?? 0) + block.demand);
        }
    }
    return load;
}
//# sourceMappingURL=plan-cycle.js.map