const slack = (value) => 1e-9 * (1 + Math.abs(value));
/**
 * The assignment of whole blocks to POPs with the least demand over any limit, and then the least
 * cost: branch and bound from `start`, largest blocks first, nearest POP first, bounded below by the
 * cheapest fractional way to bring each POP's own remaining blocks within its limit. Replaces `start`
 * only by something strictly better, so equal answers keep what is in force. Pure and deterministic.
 */
export function bestAssignment(problem) {
    const { units, limit } = problem;
    const popCount = limit.length;
    const order = units.map((_, i) => i).sort((a, b) => units[b].demand - units[a].demand || a - b);
    const load = Float64Array.from({ length: popCount }, (_, p) => problem.baseLoad[p] ?? 0);
    // Per POP: the order positions of the units whose nearest POP it is, cheapest way out per unit of demand first.
    const homeOf = Array.from({ length: popCount }, () => []);
    for (let k = 0; k < order.length; k++)
        homeOf[units[order[k]].choices[0].pop].push(k);
    const cheapestOut = (k) => units[order[k]].choices[1].hops;
    for (const list of homeOf)
        list.sort((a, b) => cheapestOut(a) - cheapestOut(b) || a - b);
    const homeRemaining = new Float64Array(popCount);
    for (const u of units)
        homeRemaining[u.choices[0].pop] += u.demand;
    const startPops = Int32Array.from(units, (_, i) => problem.start[i]);
    let best = { pops: startPops, ...scoreOf(startPops) };
    const current = new Int32Array(units.length);
    let steps = 0;
    let cut = false;
    function scoreOf(pops) {
        const at = Float64Array.from({ length: popCount }, (_, p) => problem.baseLoad[p] ?? 0);
        let cost = 0;
        units.forEach((u, i) => {
            at[pops[i]] += u.demand;
            cost += (u.choices.find((c) => c.pop === pops[i])?.hops ?? Number.POSITIVE_INFINITY) * u.demand;
        });
        let over = 0;
        for (let p = 0; p < popCount; p++)
            over += Math.max(0, at[p] - limit[p]);
        return { over, cost };
    }
    /** The least extra cost still to come: each POP's own remaining blocks past its room leave at their cheapest, fractionally. */
    const costStillToCome = (depth) => {
        let bound = 0;
        for (let p = 0; p < popCount; p++) {
            let excess = load[p] + homeRemaining[p] - limit[p];
            if (excess <= slack(limit[p]))
                continue;
            for (const k of homeOf[p]) {
                if (k < depth)
                    continue;
                const take = Math.min(excess, units[order[k]].demand);
                bound += take * cheapestOut(k);
                excess -= take;
                if (excess <= 0)
                    break;
            }
        }
        return bound;
    };
    const overNow = () => {
        let over = 0;
        for (let p = 0; p < popCount; p++)
            over += Math.max(0, load[p] - limit[p]);
        return over;
    };
    const visit = (depth, cost) => {
        if (++steps > problem.stepBudget) {
            cut = true;
            return;
        }
        const over = overNow();
        if (over > best.over + slack(best.over))
            return;
        // Past a plan that leaves demand over, moving all of a POP's excess is no floor: some may stay.
        const floor = best.over > slack(0) ? cost : cost + costStillToCome(depth);
        if (over >= best.over - slack(best.over) && floor >= best.cost - slack(best.cost))
            return;
        if (depth === order.length) {
            const pops = new Int32Array(units.length);
            for (let k = 0; k < order.length; k++)
                pops[order[k]] = current[k];
            best = { pops, over, cost };
            return;
        }
        const unit = units[order[depth]];
        homeRemaining[unit.choices[0].pop] -= unit.demand;
        for (const choice of unit.choices) {
            if (cut)
                break;
            current[depth] = choice.pop;
            load[choice.pop] += unit.demand;
            visit(depth + 1, cost + choice.hops * unit.demand);
            load[choice.pop] -= unit.demand;
        }
        homeRemaining[unit.choices[0].pop] += unit.demand;
    };
    visit(0, 0);
    return { ...best, proven: !cut };
}
//# sourceMappingURL=exact-assignment.js.map