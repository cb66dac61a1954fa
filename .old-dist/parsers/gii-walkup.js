import { parsePrefix } from '../core/prefix.js';
import { NO_ROUTE, unreadable } from '../core/route.js';
import { routeReply } from './reply.js';
/** GateD writes `192.168.193/24` and `127/8`: the octets it leaves out are zero. */
export function parseGatedPrefix(text) {
    const m = /^(\d{1,3}(?:\.\d{1,3}){0,3})\/(\d{1,2})$/.exec(text);
    if (!m)
        return undefined;
    const octets = m[1].split('.');
    while (octets.length < 4)
        octets.push('0');
    return parsePrefix(`${octets.join('.')}/${m[2]}`, true);
}
const ORIGIN = /^(?:IGP|EGP|Incomplete|Inc|\?)$/;
/**
 * Parses GII's `show ip walkup A.B.C.D/32`: one `100 PROTO DEST/LEN NEXTHOP AS-PATH ORIGIN (Id N)` line
 * per less-specific active route; the longest prefix is the route. A first digit other than 1 is
 * GII's error; no line at all is no route.
 */
export function parseGiiWalkup(reply) {
    let best;
    for (const line of reply
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '')) {
        const code = /^(\d)\d\d\s?(.*)$/.exec(line);
        if (!code)
            continue;
        if (code[1] !== '1')
            return unreadable(line);
        const tokens = code[2].split(/\s+/);
        if (tokens.length < 3)
            continue;
        const prefix = parseGatedPrefix(tokens[1]);
        if (!prefix)
            continue;
        const rest = tokens.slice(3);
        const originAt = rest.findIndex((t) => ORIGIN.test(t));
        const pathTokens = originAt < 0 ? rest.filter((t) => !/^\(|\)$/.test(t)) : rest.slice(0, originAt);
        const parsed = routeReply(prefix, pathTokens.join(' '), `"${line}"`);
        if (parsed.kind !== 'route')
            return parsed;
        if (!best || prefix.length > best.prefix.length)
            best = parsed.route;
    }
    return best ? { kind: 'route', route: best } : NO_ROUTE;
}
//# sourceMappingURL=gii-walkup.js.map