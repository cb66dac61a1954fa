import { parsePrefix } from '../core/prefix.js';
import { NO_ROUTE, unreadable } from '../core/route.js';
const SEGMENT_TYPES = {
    'as-sequence': 'sequence',
    'as-set': 'set',
    'as-confed-sequence': 'confed-sequence',
    'as-confed-set': 'confed-set',
};
/** Parses FRR's `show ip bgp ADDRESS json` / `show bgp ipv6 ADDRESS json`: `{}` is no route. */
export function parseFrrJsonShowBgp(text) {
    const trimmed = text.trim();
    if (trimmed.startsWith('%')) {
        return /^% ?Network not in table/.test(trimmed) ? NO_ROUTE : unreadable(trimmed.split('\n')[0]);
    }
    let reply;
    try {
        reply = JSON.parse(trimmed);
    }
    catch {
        return unreadable(`not JSON: ${trimmed.slice(0, 80)}`);
    }
    if (typeof reply !== 'object' || reply === null)
        return unreadable('not a JSON object');
    if (reply.prefix === undefined && reply.paths === undefined)
        return NO_ROUTE;
    const prefix = typeof reply.prefix === 'string' ? parsePrefix(reply.prefix, true) : undefined;
    if (!prefix)
        return unreadable(`no usable "prefix" in ${trimmed.slice(0, 80)}`);
    const paths = Array.isArray(reply.paths) ? reply.paths : [];
    const best = paths.filter((p) => p.bestpath?.overall === true);
    if (best.length === 0)
        return paths.length === 0 ? NO_ROUTE : unreadable(`no path of ${reply.prefix} is marked best`);
    if (best.length > 1)
        return unreadable(`${best.length} paths of ${reply.prefix} are marked best`);
    const asPath = segmentsOf(best[0]);
    if (asPath instanceof Error)
        return unreadable(asPath.message);
    const otherPaths = [];
    for (const path of paths) {
        if (path === best[0])
            continue;
        const other = segmentsOf(path);
        if (other instanceof Error)
            return unreadable(other.message);
        otherPaths.push(other);
    }
    return { kind: 'route', route: { prefix, asPath, otherPaths } };
}
function segmentsOf(path) {
    const segments = [];
    for (const s of path.aspath?.segments ?? []) {
        const type = SEGMENT_TYPES[s.type ?? ''];
        const asns = (s.list ?? []).filter((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff);
        if (!type || asns.length !== (s.list ?? []).length)
            return new Error(`unreadable AS path segment ${JSON.stringify(s).slice(0, 80)}`);
        if (asns.length > 0)
            segments.push({ type, asns });
    }
    return segments;
}
//# sourceMappingURL=frr-json-show-bgp.js.map