import { AsPathSyntaxError, parseAsPathText } from '../core/as-path.js';
import { formatPrefix, parsePrefix } from '../core/prefix.js';
import { PrefixMap } from '../core/prefix-map.js';
import { runSteps } from '../core/steps.js';
export class RouteTableError extends Error {
    name = 'RouteTableError';
}
/** Routes marked, or decided, between yields to the event loop. */
const ROUTES_PER_STEP = 5_000;
/** Text decoded and parsed between yields: a few thousand lines. */
const SLICE_BYTES = 64 * 1024;
/**
 * Parses a route table: one `PREFIX AS-PATH` line per prefix (the best path, origin rightmost),
 * `Local` or nothing for an own route, optionally followed by the route server's other paths, each
 * after a `|` (`192.0.2.0/24 64702 64602 | 64600 64601 64602`), `#` comments. Returns routes marked
 * with exclusivity.
 */
export function parseRouteTable(text, file) {
    return runSteps(routeTableSteps(text, file));
}
/** The lines of a text or of UTF-8 bytes, a slice of about SLICE_BYTES at a time, never split whole at once. */
function* lineSlices(data) {
    const length = data.length;
    for (let start = 0; start < length;) {
        const from = Math.min(length, start + SLICE_BYTES);
        const newline = typeof data === 'string' ? data.indexOf('\n', from) : data.indexOf(10, from);
        const end = newline < 0 ? length : newline + 1;
        const text = typeof data === 'string' ? data.slice(start, end) : data.toString('utf8', start, end);
        const lines = text.split('\n');
        if (end < length || lines.at(-1) === '')
            lines.pop();
        yield lines;
        start = end;
    }
}
/** The same in steps (text or UTF-8 bytes), for a table loaded while answers go on. */
export function* routeTableSteps(data, file) {
    const marked = new PrefixMap();
    const list = yield* routeListSteps(data, file);
    for (let i = 0; i < list.length; i++) {
        if (i > 0 && i % ROUTES_PER_STEP === 0)
            yield;
        marked.set(list[i].prefix, list[i]);
    }
    return marked;
}
/** The routes as listed, marked with exclusivity, in steps. */
export function* routeListSteps(data, file) {
    const routes = new PrefixMap();
    const listed = [];
    let number = 0;
    for (const lines of lineSlices(data)) {
        for (const raw of lines) {
            number++;
            const line = (number === 1 ? raw.replace(/^\uFEFF/, '') : raw).replace(/#.*/, '').trim();
            if (line === '')
                continue;
            const where = `${file}:${number}`;
            const [prefixText = '', ...rest] = line.split(/\s+/);
            const prefix = parsePrefix(prefixText);
            if (!prefix)
                throw new RouteTableError(`${where}: expected "PREFIX AS-PATH", e.g. "192.0.2.0/24 64600 64702"; "${prefixText}" is not a prefix with its host bits zero`);
            if (routes.get(prefix))
                throw new RouteTableError(`${where}: ${formatPrefix(prefix)} is listed twice; keep only its best path`);
            let route;
            try {
                const text = rest.join(' ');
                // Most lines hold the best path alone: only a line with a "|" is split.
                if (!text.includes('|'))
                    route = { prefix, asPath: parseAsPathText(text) };
                else {
                    const [best = '', ...others] = text.split('|');
                    route = { prefix, asPath: parseAsPathText(best), otherPaths: others.map((o) => parseAsPathText(o)) };
                }
            }
            catch (e) {
                if (e instanceof AsPathSyntaxError)
                    throw new RouteTableError(`${where}: ${e.message}`);
                throw e;
            }
            routes.set(prefix, route);
            listed.push(route);
        }
        yield;
    }
    return yield* markExclusive(routes, listed);
}
/** Each route learns whether a more-specific route lies inside it. */
function* markExclusive(routes, listed) {
    const covering = new Set();
    for (let i = 0; i < listed.length; i++) {
        if (i > 0 && i % ROUTES_PER_STEP === 0)
            yield;
        const parent = routes.coveringMatch(listed[i].prefix);
        if (parent)
            covering.add(parent.value);
    }
    const marked = [];
    for (let i = 0; i < listed.length; i++) {
        if (i % ROUTES_PER_STEP === 0)
            yield;
        const { prefix, asPath, otherPaths } = listed[i];
        const exclusive = !covering.has(listed[i]);
        marked.push(otherPaths === undefined ? { prefix, asPath, exclusive } : { prefix, asPath, otherPaths, exclusive });
    }
    return marked;
}
//# sourceMappingURL=route-table.js.map