import { hostFamilies } from '../../metrics/families.js';
import { prometheusText } from '../../metrics/prometheus.js';
import { popCondition } from '../../pops/pop-availability.js';
import { duration } from './duration.js';
import { jsonLine } from './json-text.js';
import { textTable } from './text-table.js';
function since(ms, s) {
    if (ms <= s.watchingSinceMs)
        return '-';
    return `${new Date(ms).toISOString().slice(11, 19)}Z, ${duration(s.nowMs - ms)} ago`;
}
function stateColour(paint) {
    return (text) => {
        const word = text.trim();
        if (word === 'up' || word === 'Established' || word === 'passing')
            return paint.green;
        if (word === 'drained')
            return paint.yellow;
        return word === '' || word === '-' ? undefined : paint.red;
    };
}
/** The status as aligned tables: the POPs, the route server's sessions, the health checks. */
export function statusTable(s, paint) {
    const colour = stateColour(paint);
    const out = [];
    const pops = [...s.pops].sort((a, b) => a.answer.localeCompare(b.answer));
    out.push(textTable([
        ['POP', 'AS', 'state', 'since', 'why'],
        ...pops.map((p) => [p.answer, `AS${p.asn}`, popCondition(p), since(p.sinceMs, s), p.why ?? '']),
    ], [false, false, false, false, false], paint, (text, _r, c) => (c === 0 ? paint.cyan : c === 2 ? colour(text) : undefined)));
    out.push('');
    out.push(`route server ${s.routeServer.description}: ${s.routeServer.available ? paint.green('up') : paint.red('down')}`);
    if (s.sessions && s.sessions.length > 0) {
        const popOf = new Map(s.pops.map((p) => [p.asn, p.answer]));
        out.push(textTable([
            ['neighbor', 'AS', 'state', 'since', 'POP'],
            ...s.sessions.map((x) => [x.neighbor, `AS${x.asn}`, x.state, x.since ?? '', popOf.get(x.asn) ?? '']),
        ], [false, false, false, false, false], paint, (text, _r, c) => (c === 2 ? colour(text) : undefined)));
    }
    else if (s.sessions === undefined) {
        out.push(s.routeServer.available
            ? 'BGP sessions not watched (the route server does not show them, or pop_liveness is off)'
            : 'BGP sessions unknown: the route server is down, and the POPs are judged without them until it answers');
    }
    if (s.health.length > 0) {
        out.push('');
        out.push(textTable([
            ['health check', 'POP', 'state', 'since', 'last probe'],
            ...s.health.map((h) => [
                h.url,
                h.host,
                h.record.probedAtMs === 0 ? '-' : h.record.up ? 'passing' : 'failing',
                h.record.probedAtMs === 0 ? '-' : since(h.record.sinceMs, { ...s, watchingSinceMs: 0 }),
                h.record.detail,
            ]),
        ], [false, false, false, false, false], paint, (text, _r, c) => (c === 2 ? colour(text) : undefined)));
    }
    if (s.drainFile)
        out.push('', `drain file ${s.drainFile}`);
    return `${out.join('\n')}\n`;
}
/** The status as JSON, keys in snake_case as in every JSON supersparrow writes. */
export function statusJson(s) {
    return {
        now_ms: s.nowMs,
        route_server: { description: s.routeServer.description, available: s.routeServer.available },
        pops: s.pops.map((p) => ({
            pop: p.answer,
            as: p.asn,
            state: popCondition(p),
            causes: p.causes,
            why: p.why ?? null,
            since_ms: p.sinceMs,
        })),
        sessions: s.sessions?.map((x) => ({
            neighbor: x.neighbor,
            as: x.asn,
            state: x.state,
            established: x.established,
            since: x.since ?? null,
            prefixes: x.prefixes ?? null,
        })) ?? null,
        health: s.health.map((h) => ({
            pop: h.host,
            url: h.url,
            state: h.record.probedAtMs === 0 ? 'unknown' : h.record.up ? 'passing' : 'failing',
            since_ms: h.record.sinceMs,
            probed_at_ms: h.record.probedAtMs,
            detail: h.record.detail,
        })),
        drain_file: s.drainFile ?? null,
    };
}
/** The status for a program: JSON, Prometheus text, or TSV rows whose first column names their kind. */
export function statusText(s, format, paint) {
    if (format === 'plain')
        return statusTable(s, paint);
    if (format === 'json')
        return jsonLine(statusJson(s));
    if (format === 'prometheus')
        return prometheusText(hostFamilies(s));
    const rows = ['#kind\tname\tas\tstate\tsince_ms\twhy'];
    for (const p of s.pops)
        rows.push(['pop', p.answer, p.asn, popCondition(p), p.sinceMs, p.why ?? ''].join('\t'));
    rows.push(['route_server', s.routeServer.description, '', s.routeServer.available ? 'up' : 'down', '', ''].join('\t'));
    for (const x of s.sessions ?? [])
        rows.push(['session', x.neighbor, x.asn, x.state, x.since ?? '', ''].join('\t'));
    for (const h of s.health)
        rows.push(['health', h.url, h.host, h.record.up ? 'passing' : 'failing', h.record.sinceMs, h.record.detail].join('\t'));
    return `${rows.join('\n')}\n`;
}
export function statusSnapshot(ctx, watchingSinceMs) {
    return { nowMs: Date.now(), watchingSinceMs, ...ctx.runtime.hostState(), drainFile: ctx.pops.drainFile };
}
//# sourceMappingURL=status-view.js.map