import { NO_PREFIX, RANKED_SELF } from '../core/decided-table.js';
import { blockRows, rangeRows } from './decided-rows.js';
import { plannedRanges } from './plan-overlay.js';
export const SELF_CLASS = 'self';
function classOfAsns(asns) {
    return (asns.length === 0 ? SELF_CLASS : asns.join('-'));
}
/** The ASes of a class, in the order they are tried. */
export function asnsOfClass(ranking) {
    return ranking === SELF_CLASS ? [] : ranking.split('-').map(Number);
}
/** The class a prefix decided at load: its whole ranking where it keeps one, else the POPs on its best path. */
export function classOfPrefix(table, prefix, pops) {
    if (prefix === NO_PREFIX)
        return SELF_CLASS;
    const ranking = table.rankingOf(prefix);
    let text = '';
    if (ranking) {
        for (let r = 0; r < ranking.length; r += 2) {
            const asn = ranking[r];
            if (asn === RANKED_SELF)
                break;
            if (pops.has(asn))
                text = text === '' ? `${asn}` : `${text}-${asn}`;
        }
    }
    else
        for (const asn of table.popsView(prefix))
            if (pops.has(asn))
                text = text === '' ? `${asn}` : `${text}-${asn}`;
    return (text === '' ? SELF_CLASS : text);
}
/**
 * A plan line's class over a block of `routed`: its POP first, then the block's own ranking (a POP
 * planned that is out hands over as the routes would). A line naming self is self; one naming no POP
 * of the config leaves the block as it is.
 */
export function plannedClass(pop, routed, pops, self) {
    if (pop === self)
        return SELF_CLASS;
    const asn = [...pops].find(([, answer]) => answer === pop)?.[0];
    if (asn === undefined)
        return undefined;
    return classOfAsns([asn, ...asnsOfClass(routed).filter((a) => a !== asn)]);
}
/** The answer for a class under the POP state now: its first POP that can take clients, else self. */
export function classAnswer(ranking, pops, self, unavailable) {
    for (const asn of asnsOfClass(ranking)) {
        const answer = pops.get(asn);
        if (answer !== undefined && unavailable?.(asn, answer) === undefined)
            return answer;
    }
    return self;
}
/**
 * The table's blocks, each with its class instead of its answer: what changes only with the routes
 * and the plan. Blocks of the self class are left out unless `withSelf`, as the flat export leaves
 * self's; `seen` collects every class written.
 */
export function* classRows(table, pops, self, plan, seen, withSelf = false) {
    // A prefix's class is worked out once per run of ranges it owns: the ranges come in prefix order.
    let lastPrefix = Number.NaN;
    let lastClass = SELF_CLASS;
    for (const row of blockRows(table, plan, {
        routed: (prefix) => {
            if (prefix !== lastPrefix) {
                lastPrefix = prefix;
                lastClass = classOfPrefix(table, prefix, pops);
            }
            return lastClass;
        },
        planned: (pop, routed) => plannedClass(pop, routed, pops, self),
        omitted: withSelf ? undefined : SELF_CLASS,
    })) {
        seen.add(row.answer);
        yield row;
    }
}
/**
 * The plan's blocks alone, each with its planned class (self's included): the third table, looked up
 * before the class table, so that a plan change rewrites a few lines and never the table. A plan
 * line naming no POP of the config has no block: the class table answers there.
 */
export function* planClassRows(table, pops, self, plan, seen) {
    for (const family of [4, 6]) {
        let runFirst;
        let runLast;
        let runClass = SELF_CLASS;
        const flush = function* () {
            if (runFirst === undefined || runLast === undefined)
                return;
            yield* rangeRows(family, runFirst, runLast, runClass);
            runFirst = undefined;
        };
        for (const planned of plannedRanges(plan, family)) {
            for (const range of table.rangesBetween(family, planned.first, planned.last)) {
                const ranking = plannedClass(planned.pop, classOfPrefix(table, range.prefix, pops), pops, self);
                if (ranking === undefined) {
                    yield* flush();
                    continue;
                }
                seen.add(ranking);
                const follows = runFirst !== undefined && (typeof runLast === 'number' ? runLast + 1 : runLast + 1n) === range.first;
                if (follows && ranking === runClass) {
                    runLast = range.last;
                    continue;
                }
                yield* flush();
                runFirst = range.first;
                runLast = range.last;
                runClass = ranking;
            }
        }
        yield* flush();
    }
}
/** Each class and its answer now, self's first and the rest in a stable order: the small table. */
export function classAnswers(classes, pops, self, unavailable) {
    const all = [...new Set([SELF_CLASS, ...classes])].sort((a, b) => a === SELF_CLASS ? -1 : b === SELF_CLASS ? 1 : a < b ? -1 : a > b ? 1 : 0);
    return all.map((ranking) => ({ ranking, answer: classAnswer(ranking, pops, self, unavailable) }));
}
//# sourceMappingURL=classes.js.map