import { planLineRecord } from '../../capacity/plan-diff.js';
import { formatRanking } from './explain.js';
import { formatRate } from '../../capacity/rate.js';
import { formatPrefix } from '../../core/prefix.js';
import { jsonLine } from './json-text.js';
import { textTable } from './text-table.js';
const percent = (share) => (share === undefined ? '-' : `${(share * 100).toFixed(1)} %`);
const utilisation = (load, capacity) => capacity === undefined ? undefined : load / capacity;
function windowText(peak) {
    const start = new Date(peak.startSeconds * 1000).toISOString().replace(/:\d{2}\.\d{3}Z$/, 'Z');
    return `busiest ${peak.windowSeconds / 60 >= 1 ? `${peak.windowSeconds / 60} min` : `${peak.windowSeconds} s`} of the logs, from ${start}`;
}
/** The plan as people read it: how it was made, each POP before and after against its capacity, and each move. */
export function planTable(report, paint) {
    const { plan, peak } = report;
    const rate = (n) => formatRate(n, peak.unit);
    const out = [];
    out.push(`demand: ${windowText(peak)}: ${rate(plan.totalDemand)} in all; each POP held to ${percent(plan.watermark)} of its capacity (low watermark ${percent(report.lowWatermark)})`);
    if (report.out.length > 0)
        out.push(`out: ${report.out.join(', ')} (nothing moves to them)`);
    out.push('');
    const overPaint = (text, _row, column) => column >= 4 && text !== '-' && Number.parseFloat(text) > plan.watermark * 100 + 1e-9
        ? paint.red
        : column === 0
            ? paint.cyan
            : undefined;
    out.push(textTable([
        ['POP', 'capacity', 'before', 'after', 'use before', 'use after'],
        ...plan.pops.map((p) => [
            p.out ? `${p.pop} (out)` : p.pop,
            p.capacity === undefined ? 'unlimited' : rate(p.capacity),
            rate(p.before),
            rate(p.after),
            percent(utilisation(p.before, p.capacity)),
            percent(utilisation(p.after, p.capacity)),
        ]),
    ], [false, true, true, true, true, true], paint, overPaint));
    out.push('');
    if (plan.moves.length === 0)
        out.push('moves: none: every POP is within its capacity');
    else {
        const moved = plan.moves.reduce((s, m) => s + m.demand, 0);
        out.push(`moves: ${plan.moves.length} prefix${plan.moves.length === 1 ? '' : 'es'}, ${rate(moved)}, ${(plan.cost / moved).toFixed(2)} extra AS hops each on average`);
        out.push(textTable([
            ['prefix', 'demand', 'from', 'to', 'extra hops', 'why'],
            ...plan.moves.map((m) => [formatPrefix(m.prefix), rate(m.demand), m.from, m.to, String(m.extraHops), whyText(m.why)]),
        ], [false, true, false, false, true, false], paint));
    }
    if (report.losses.length > 0)
        out.push('', ...lossText(report.losses, rate, paint));
    if (report.diff)
        out.push('', ...diffText(report.diff, rate, paint));
    if (report.explanation)
        out.push('', ...explanationText(report.explanation, rate));
    for (const line of warnings(report))
        out.push('', paint.bold(line));
    return `${out.join('\n')}\n`;
}
/** --explain PREFIX, for people. */
function explanationText(e, rate) {
    const out = [`explain ${formatPrefix(e.prefix)}: ${rate(e.demand)} measured inside it`];
    if (e.decidingPrefix)
        out.push(`  route: ${formatPrefix(e.decidingPrefix)}; POPs nearest first: ${formatRanking(e.ranking)}`);
    out.push(`  ${e.because}`);
    return out;
}
/** For each POP, what its loss would do to the others. */
function lossText(losses, rate, paint) {
    const rows = losses.map((l) => [
        l.pop,
        rate(l.demand),
        l.absorbed ? 'take it' : `cannot: ${rate(l.over)} over`,
        l.busiest ? `${l.busiest.pop} ${percent(l.busiest.use)}` : '-',
    ]);
    const cannot = losses.filter((l) => !l.absorbed).map((l) => l.pop);
    return [
        `if one POP is lost: ${cannot.length === 0 ? 'the others take any one' : `the others cannot take ${cannot.join(', ')}`}`,
        textTable([['lost', 'demand', 'the others', 'busiest after'], ...rows], [false, true, false, false], paint, (text, _row, column) => column === 2 && text.startsWith('cannot') ? paint.red : undefined),
    ];
}
/** The plan against the one in force: what applying it would add, keep and return. */
function diffText(diff, rate, paint) {
    const sum = (lines) => rate(lines.reduce((s, l) => s + l.demand, 0));
    const count = (lines) => `${lines.length} (${sum(lines)})`;
    const out = [
        `against the plan in force: ${count(diff.added)} added, ${count(diff.kept)} kept, ${count(diff.returned)} returned to the routes`,
    ];
    const rows = [
        ...diff.added.map((l) => ['added', formatPrefix(l.prefix), l.pop, rate(l.demand)]),
        ...diff.returned.map((l) => ['returned', formatPrefix(l.prefix), l.pop, rate(l.demand)]),
    ];
    if (rows.length > 0)
        out.push(textTable([['change', 'prefix', 'POP', 'demand'], ...rows], [false, false, false, true], paint));
    return out;
}
function whyText(why) {
    return why === 'kept' ? 'kept: moving back would not fit below the low watermark' : 'over capacity';
}
/** What the plan could not do, said plainly. */
export function warnings(report) {
    const { plan, peak } = report;
    const lines = [];
    if (plan.watermark > report.highWatermark + 1e-9)
        lines.push(`demand (${formatRate(plan.totalDemand, peak.unit)}) exceeds every POP's capacity at the high watermark together: the excess is spread in proportion, each POP at ${percent(plan.watermark)}`);
    if (plan.unplaced > 0)
        lines.push(`${formatRate(plan.unplaced, peak.unit)} stays over its POP's limit: no path reaches a POP with room for it`);
    return lines;
}
/** The plan for a program: JSON, or TSV rows whose first column names their kind. */
export function planText(report, format, paint) {
    const { plan, peak } = report;
    if (format === 'json')
        return jsonLine({
            unit: peak.unit === 'requests' ? 'requests/s' : 'bits/s',
            windowStart: new Date(peak.startSeconds * 1000).toISOString(),
            windowSeconds: peak.windowSeconds,
            totalDemand: plan.totalDemand,
            watermark: plan.watermark,
            highWatermark: report.highWatermark,
            lowWatermark: report.lowWatermark,
            out: report.out,
            unplaced: plan.unplaced,
            cost: plan.cost,
            pops: plan.pops,
            moves: plan.moves.map((m) => ({ ...m, prefix: formatPrefix(m.prefix), decidingPrefix: formatPrefix(m.decidingPrefix) })),
            diff: report.diff && {
                added: report.diff.added.map(planLineRecord),
                kept: report.diff.kept.map(planLineRecord),
                returned: report.diff.returned.map(planLineRecord),
                moved: report.diff.moved,
            },
            ifLost: report.losses,
            explain: report.explanation && {
                prefix: formatPrefix(report.explanation.prefix),
                decidingPrefix: report.explanation.decidingPrefix && formatPrefix(report.explanation.decidingPrefix),
                demand: report.explanation.demand,
                ranking: report.explanation.ranking,
                home: report.explanation.home,
                moves: report.explanation.moves.map((m) => ({ prefix: formatPrefix(m.prefix), to: m.to, why: m.why })),
                because: report.explanation.because,
            },
            warnings: warnings(report),
        });
    if (format === 'plain')
        return planTable(report, paint);
    const rows = ['#kind\tname\tcapacity\tbefore\tafter\tout'];
    for (const p of plan.pops)
        rows.push(['pop', p.pop, p.capacity ?? '-', p.before, p.after, p.out ? 'out' : '-'].join('\t'));
    for (const m of plan.moves)
        rows.push(['move', formatPrefix(m.prefix), m.demand, m.from, m.to, m.extraHops, m.why].join('\t'));
    for (const l of report.losses)
        rows.push(['loss', l.pop, l.demand, l.absorbed ? 'absorbed' : 'over', l.busiest?.pop ?? '-', l.busiest?.use ?? '-', l.over].join('\t'));
    for (const [kind, lines] of [
        ['added', report.diff?.added ?? []],
        ['kept', report.diff?.kept ?? []],
        ['returned', report.diff?.returned ?? []],
    ])
        for (const l of lines)
            rows.push([kind, formatPrefix(l.prefix), l.demand, l.pop].join('\t'));
    if (report.explanation)
        rows.push(['explain', formatPrefix(report.explanation.prefix), report.explanation.demand, report.explanation.because].join('\t'));
    return `${rows.join('\n')}\n`;
}
/** The unit of a plan made for these capacities. */
export function unitOf(capacityUnits) {
    return capacityUnits[0] ?? 'requests';
}
//# sourceMappingURL=plan-view.js.map