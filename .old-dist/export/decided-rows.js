import { rangeToCidrs4, rangeToCidrs6 } from '../core/cidr.js';
import { NO_PREFIX, SELF_ANSWER } from '../core/decided-table.js';
import { formatPrefix } from '../core/prefix.js';
import { overlay, plannedRanges } from './plan-overlay.js';
/** What a plan line answers under these rules: its POP while that can take clients, else nothing (the routes' answer). */
function plannedAnswer(rules) {
    const asnOf = new Map([...rules.pops].map(([asn, answer]) => [answer, asn]));
    return (pop) => {
        if (pop === rules.self)
            return pop;
        const asn = asnOf.get(pop);
        return asn !== undefined && rules.unavailable?.(asn, pop) === undefined ? pop : undefined;
    };
}
/** A prefix's answer: the first POP from the origin that can serve, else self. */
export function answerFor(table, index, rules) {
    const asn = table.answerOf(index, rules.unavailable, rules.pops);
    return asn === SELF_ANSWER ? rules.self : (rules.pops.get(asn) ?? rules.self);
}
/** A run of addresses [first, last] with one value, as the fewest aligned blocks. */
export function rangeRows(family, first, last, answer) {
    const blocks = family === 4
        ? rangeToCidrs4(first, last).map((b) => ({ family: 4, ...b }))
        : rangeToCidrs6(first, last).map((b) => ({ family: 6, ...b }));
    return blocks.map((b) => ({ cidr: formatPrefix(b), answer }));
}
/**
 * The whole table as CIDR blocks and a value for each, for engines that do longest-prefix (or
 * any-match) lookups themselves. Exact by construction: nested prefixes are first flattened into
 * ranges that do not overlap, neighbouring ranges with the same value are merged, and each run is cut
 * into the fewest aligned blocks; a plan's lines cut the ranges they fall in.
 */
export function* blockRows(table, plan, values) {
    for (const family of [4, 6]) {
        const planRanges = plannedRanges(plan, family);
        const planFrom = { index: 0 };
        let runFirst;
        let runLast;
        let runValue = '';
        /** The run that just ended, as blocks (none when it is the omitted value). */
        const ended = () => runFirst === undefined || runLast === undefined || runValue === values.omitted
            ? NONE
            : rangeRows(family, runFirst, runLast, runValue);
        for (const range of table.ranges(family)) {
            const routed = values.routed(range.prefix);
            if (planRanges.length === 0) {
                // No plan: the range is one piece, without a generator per range.
                if (runFirst !== undefined && routed === runValue)
                    runLast = range.last;
                else {
                    for (const row of ended())
                        yield row;
                    runFirst = range.first;
                    runLast = range.last;
                    runValue = routed;
                }
                continue;
            }
            for (const piece of overlay(range.first, range.last, routed, planRanges, planFrom, values.planned)) {
                if (runFirst !== undefined && piece.answer === runValue) {
                    runLast = piece.last;
                    continue;
                }
                for (const row of ended())
                    yield row;
                runFirst = piece.first;
                runLast = piece.last;
                runValue = piece.answer;
            }
        }
        for (const row of ended())
            yield row;
    }
}
const NONE = [];
/**
 * The table's blocks and their answers under these rules. Addresses answered `self` (no POP nearer,
 * or no route) are left out, the engine's default giving them self, unless `withSelf` (an engine that
 * must find every address, and says how far its answer holds).
 */
export function exportRows(table, rules, withSelf = false) {
    const planned = plannedAnswer(rules);
    return blockRows(table, rules.plan ?? [], {
        routed: (prefix) => (prefix === NO_PREFIX ? rules.self : answerFor(table, prefix, rules)),
        planned: (pop) => planned(pop),
        omitted: withSelf ? undefined : rules.self,
    });
}
//# sourceMappingURL=decided-rows.js.map