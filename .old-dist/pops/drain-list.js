import { parseAsn } from '../core/asn.js';
import { printable } from '../io/printable.js';
import { END_TIME_FORMS, parseEndTime } from '../core/end-time.js';
export class DrainListError extends Error {
    name = 'DrainListError';
}
/**
 * Parses a drain file: one POP per line, by host name or AS (`64702`, `AS64702`, `www.y.example.net`),
 * optionally followed by when the drain ends (`2026-12-01T06:00Z`, or epoch seconds), so that a
 * forgotten drain ends by itself; `#` starts a comment.
 */
export function parseDrainList(text, file) {
    const entries = [];
    text.split(/\r?\n/).forEach((raw, i) => {
        const line = raw.replace(/#.*/, '').trim();
        if (line === '')
            return;
        const [pop = '', until, extra] = line.split(/\s+/);
        if (extra !== undefined)
            throw new DrainListError(`${file}:${i + 1}: expected "POP [UNTIL]", e.g. "www.y.example.net 2026-12-01T06:00Z"; got "${printable(line)}"`);
        const asn = parseAsn(pop);
        const host = asn === undefined ? pop.toLowerCase() : undefined;
        if (host !== undefined && !/^[a-z0-9.:[\]_-]+$/.test(host))
            throw new DrainListError(`${file}:${i + 1}: "${printable(pop)}" is neither a host name nor an AS number`);
        let untilMs;
        if (until !== undefined) {
            untilMs = parseEndTime(until);
            if (untilMs === undefined)
                throw new DrainListError(`${file}:${i + 1}: "${printable(until)}" is not a time: give ${END_TIME_FORMS}`);
        }
        entries.push({ host, asn, untilMs, line: i + 1 });
    });
    return entries;
}
/** Why this POP is drained at `nowMs`, or undefined. */
export function drainedBecause(entries, asn, answer, nowMs) {
    for (const e of entries) {
        if (e.untilMs !== undefined && e.untilMs <= nowMs)
            continue;
        if (e.asn === asn || (e.host !== undefined && e.host === answer.toLowerCase())) {
            return e.untilMs === undefined ? 'drained' : `drained until ${new Date(e.untilMs).toISOString()}`;
        }
    }
    return undefined;
}
/** Entries that name no POP of the table: a typo drains nothing, so it is worth a warning with its line. */
export function drainsOfNoPop(entries, pops) {
    const hosts = new Set([...pops.values()].map((answer) => answer.toLowerCase()));
    return entries.filter((e) => (e.asn !== undefined ? !pops.has(e.asn) : !hosts.has(e.host)));
}
export function drainsOfNoPopWarning(file, unknown) {
    const lines = unknown.map((e) => `${file}:${e.line}: "${e.asn !== undefined ? `AS${e.asn}` : printable(e.host)}"`);
    return `${lines.join(', ')} names no POP (no peer line has that AS or answer), so it drains nothing; correct the name or add the peer`;
}
//# sourceMappingURL=drain-list.js.map