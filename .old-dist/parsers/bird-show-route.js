import { parsePrefix } from '../core/prefix.js';
import { NO_ROUTE, unreadable } from '../core/route.js';
import { routeReply } from './reply.js';
/** Each line with its reply code; a line starting with a space continues the previous code. */
function codedLines(reply) {
    const out = [];
    let code = '';
    for (const line of reply.split('\n')) {
        if (line === '')
            continue;
        const m = /^(\d{4})[- ](.*)$/.exec(line);
        if (m) {
            code = m[1];
            out.push({ code, body: m[2] });
        }
        else
            out.push({ code, body: line.slice(1) });
    }
    return out;
}
const ROUTE_LINE = /^(\S+\/\d+)?\s+\S+ \[[^\]]*\]( \*)?/;
/**
 * Parses `show route for ADDRESS all`. BIRD lists the best route first, marked `*`; the full AS path
 * is on its `BGP.as_path:` line, absent for a non-BGP (own) route. 8001 means no route.
 */
export function parseBirdShowRoute(reply) {
    const lines = codedLines(reply);
    const last = lines[lines.length - 1];
    if (!last)
        return unreadable('empty reply');
    if (last.code === '8001')
        return NO_ROUTE;
    if (/^[89]/.test(last.code))
        return unreadable(`${last.code} ${last.body}`);
    let prefixText;
    let best = false;
    let ended = false;
    /** Each route of the first network, in BIRD's order (the best first); a route with no BGP path is local. */
    const paths = [];
    for (const { code, body } of lines) {
        const route = code === '1007' ? ROUTE_LINE.exec(body) : null;
        if (route) {
            if (route[1] !== undefined && prefixText !== undefined)
                ended = true;
            if (ended)
                continue;
            if (prefixText === undefined) {
                if (route[1] === undefined)
                    continue;
                prefixText = route[1];
                best = route[2] !== undefined;
            }
            paths.push('');
            continue;
        }
        const path = !ended && paths.length > 0 ? /^\s*BGP\.as_path:\s?(.*)$/.exec(body) : null;
        if (path)
            paths[paths.length - 1] = path[1];
    }
    if (prefixText === undefined)
        return unreadable(`unrecognised reply: ${last.code} ${last.body}`.slice(0, 120));
    if (!best)
        return unreadable(`the first route for ${prefixText} is not marked best`);
    const prefix = parsePrefix(prefixText, true);
    if (!prefix)
        return unreadable(`unparseable prefix "${prefixText}"`);
    return routeReply(prefix, paths[0], '', paths.slice(1));
}
/** Reads the network count from `show route in P/L count`; undefined when absent. */
export function parseBirdRouteCount(reply) {
    const m = / for (\d+) networks? /.exec(reply);
    return m ? Number(m[1]) : undefined;
}
//# sourceMappingURL=bird-show-route.js.map