import { formatPrefix, prefixCovers } from '../core/prefix.js';
import { demandWithin } from './plan-diff.js';
/** Why `prefix` is where the plan puts it: its route, its demand, its POPs, and the moves that touch it. */
export function explainPlan(prefix, prefixes, plan, out) {
    const deciding = prefixes.find((p) => prefixCovers(p.prefix, prefix)) ?? prefixes.find((p) => prefixCovers(prefix, p.prefix));
    const demand = demandWithin(prefix, prefixes);
    const moves = plan.moves.filter((m) => prefixCovers(m.prefix, prefix) || prefixCovers(prefix, m.prefix));
    if (!deciding)
        return {
            prefix,
            decidingPrefix: undefined,
            demand,
            ranking: [],
            home: undefined,
            moves,
            because: 'no request in the window came from inside it: nothing to plan',
        };
    const home = deciding.ranking.find((r) => !out.has(r.answer))?.answer;
    const load = (pop) => plan.pops.find((p) => p.pop === pop);
    const homeLoad = load(home);
    const limit = homeLoad?.capacity === undefined ? undefined : homeLoad.capacity * plan.watermark;
    const share = (n) => `${((n / (homeLoad?.capacity ?? 1)) * 100).toFixed(1)} %`;
    const outFirst = deciding.ranking[0] !== undefined && out.has(deciding.ranking[0].answer);
    const lead = outFirst ? `its nearest POP, ${deciding.ranking[0].answer}, is out, so its home is ${home}; ` : '';
    let because;
    if (moves.length === 0)
        because =
            limit === undefined
                ? `${lead}it stays at ${home}, which has no capacity line`
                : homeLoad.before <= limit + 1e-9
                    ? `${lead}it stays at ${home}, within its limit before any move (${share(homeLoad.before)} of capacity, limit ${share(limit)})`
                    : `${lead}it stays at ${home}: moving other demand away was enough or cheaper (${home} ${share(homeLoad.before)} before, ${share(homeLoad.after)} after)`;
    else {
        const parts = moves.map((m) => `${formatPrefix(m.prefix)} to ${m.to} (${m.extraHops} extra hop${m.extraHops === 1 ? '' : 's'}): ${m.why === 'kept' ? 'kept from the plan in force, moving it back would not fit below the low watermark' : `${m.from} was over its limit`}`);
        because = `${lead}${parts.join('; ')}${homeLoad ? ` (${home} ${share(homeLoad.before)} before, ${share(homeLoad.after)} after)` : ''}`;
    }
    return { prefix, decidingPrefix: deciding.prefix, demand, ranking: deciding.ranking, home, moves, because };
}
//# sourceMappingURL=plan-explain.js.map