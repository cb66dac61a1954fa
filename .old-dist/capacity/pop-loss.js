import { planCapacity } from './planner.js';
/**
 * For each POP serving clients in `plan`, the plan made again with it out as well, the plan in force
 * being `plan` itself: whether the others absorb it within the high watermark, and which is busiest.
 * Largest demand first. Pure.
 */
export function lossOfEachPop(input, plan) {
    const highWatermark = input.highWatermark ?? 0.9;
    const previous = plan.moves.map((m) => ({ prefix: m.prefix, pop: m.to }));
    const serving = plan.pops.filter((p) => !p.out);
    if (serving.length < 2)
        return [];
    const losses = [];
    for (const lost of serving) {
        if (!(lost.after > 0))
            continue;
        const without = planCapacity({ ...input, out: new Set([...(input.out ?? []), lost.pop]), previous });
        let busiest;
        let over = 0;
        for (const p of without.pops) {
            if (p.out || p.capacity === undefined)
                continue;
            const use = p.after / p.capacity;
            over += Math.max(0, p.after - p.capacity * highWatermark);
            if (!busiest || use > busiest.use)
                busiest = { pop: p.pop, use };
        }
        const absorbed = without.unplaced === 0 && without.watermark <= highWatermark + 1e-9;
        losses.push({ pop: lost.pop, demand: lost.after, absorbed, busiest, over: absorbed ? 0 : over });
    }
    return losses.sort((a, b) => b.demand - a.demand || a.pop.localeCompare(b.pop));
}
//# sourceMappingURL=pop-loss.js.map