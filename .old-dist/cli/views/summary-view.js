import { jsonLine } from './json-text.js';
import { formatRate } from '../../capacity/rate.js';
const use = (load, capacity) => load === undefined || capacity === undefined ? '-' : percent((100 * load) / capacity);
import { textTable } from './text-table.js';
const percent = (n) => `${n.toFixed(1)} %`;
/** The first column of the POP table in cyan. */
function table(rows, rightAligned, paint, firstColumn) {
    return textTable(rows, rightAligned, paint, (_text, _row, column) => (column === 0 ? firstColumn : undefined));
}
/** The summary as a person reads it: aligned tables, the header in bold where colour is on. */
export function summaryTable(summary, paint) {
    const atLeast = summary.clientsExact ? '' : '≥';
    const out = [];
    out.push(table([
        ['POP', 'requests', 'share', 'clients', 'prefixes'],
        ...summary.pops.map((p) => [p.pop, String(p.requests), percent(p.share), `${atLeast}${p.clients}`, String(p.prefixes)]),
    ], [false, true, true, true, true], paint, paint.cyan));
    out.push('');
    out.push(`${summary.lines} lines: ${summary.answered} answered, ${summary.noAddress} without an address, ${summary.failed} failed lookups`);
    if (summary.topPrefixes.length > 0) {
        out.push('');
        out.push(table([['prefix', 'AS path', 'POP', 'requests'], ...summary.topPrefixes.map((p) => [p.prefix, p.asPath, p.pop, String(p.requests)])], [false, false, false, true], paint));
    }
    if (summary.without) {
        const w = summary.without;
        out.push('');
        out.push(`without ${w.pops.join(', ')}: ${w.requests} requests would move`);
        if (w.moves.length > 0)
            out.push(table([['to', 'requests', 'share'], ...w.moves.map((m) => [m.to, String(m.requests), percent(m.share)])], [false, true, true], paint));
    }
    if (summary.capacity) {
        const { unit, rows } = summary.capacity;
        const rate = (n) => (n === undefined ? '-' : formatRate(n, unit));
        const projected = rows.some((r) => r.projected !== undefined);
        out.push('');
        out.push('capacity at the busiest window:');
        out.push(table([
            ['POP', 'capacity', 'demand', 'use', ...(projected ? ['without', 'use without'] : [])],
            ...rows.map((r) => [
                r.pop,
                r.capacity === undefined ? 'unlimited' : rate(r.capacity),
                rate(r.demand),
                use(r.demand, r.capacity),
                ...(projected ? [rate(r.projected), use(r.projected, r.capacity)] : []),
            ]),
        ], [false, true, true, true, true, true], paint, paint.cyan));
    }
    return `${out.join('\n')}\n`;
}
/** The summary for a program: JSON, or TSV rows whose first column names their kind. */
export function summaryText(summary, format, paint) {
    if (format === 'json')
        return jsonLine(summary);
    if (format === 'plain')
        return summaryTable(summary, paint);
    const rows = ['#kind\tname\trequests\tshare\tclients\tprefixes'];
    for (const p of summary.pops)
        rows.push(['pop', p.pop, p.requests, p.share.toFixed(3), p.clients, p.prefixes].join('\t'));
    rows.push(['lines', summary.lines, summary.answered, summary.noAddress, summary.failed].join('\t'));
    for (const p of summary.topPrefixes)
        rows.push(['prefix', p.prefix, p.requests, p.pop, p.asPath].join('\t'));
    if (summary.without)
        for (const m of summary.without.moves)
            rows.push(['move', summary.without.pops.join(','), m.requests, m.share.toFixed(3), m.to].join('\t'));
    for (const c of summary.capacity?.rows ?? [])
        rows.push(['capacity', c.pop, c.capacity ?? '-', c.demand, c.projected ?? '-'].join('\t'));
    return `${rows.join('\n')}\n`;
}
//# sourceMappingURL=summary-view.js.map