import { RANKED_SELF } from '../core/decided-table.js';
/** The POP ASes on any path of a decided table (best or other): walked once, a few ms per 100k prefixes. */
export function popAsnsOnPaths(table) {
    const seen = new Set();
    for (let i = 0; i < table.size; i++) {
        for (const asn of table.popsOf(i))
            seen.add(asn);
        const ranking = table.rankingOf(i);
        if (ranking)
            for (let r = 0; r < ranking.length; r += 2)
                if (ranking[r] !== RANKED_SELF)
                    seen.add(ranking[r]);
    }
    return seen;
}
/** The first ASes of the paths of a table (sampled evenly, up to `samples` prefixes): the route server's neighbours. */
export function firstAsnsOf(view, samples = 10_000) {
    const seen = new Set();
    const { size } = view.table;
    const step = Math.max(1, Math.floor(size / samples));
    for (let i = 0; i < size; i += step) {
        const first = view.pathOf(i)[0];
        const asn = first?.type === 'sequence' ? first.asns[0] : undefined;
        if (asn !== undefined)
            seen.add(asn);
    }
    return [...seen];
}
const list = (asns) => [...asns]
    .sort((a, b) => a - b)
    .map((a) => `AS${a}`)
    .join(', ') || 'none';
/**
 * The POPs of a config that no client could reach: neither a neighbour of the route server (when its
 * sessions are known) nor on any path it holds (when its table is): a typo in a peer line, most often.
 */
export function unreachablePops(pops, self, neighbours, onPaths) {
    if (neighbours === undefined && onPaths === undefined)
        return [];
    const out = [];
    for (const [asn, answer] of pops) {
        // This POP's own AS is on none of its own route server's paths: the same peer line serves every POP.
        if (answer === self || neighbours?.includes(asn) || onPaths?.has(asn))
            continue;
        const facts = [
            neighbours === undefined ? undefined : `not a neighbour of the route server (its neighbours: ${list(new Set(neighbours))})`,
            onPaths === undefined ? undefined : `on no path it holds (the POP ASes on its paths: ${list(onPaths)})`,
        ].filter((f) => f !== undefined);
        out.push({ asn, answer, detail: `AS${asn} is ${facts.join(' and ')}: that POP would never get a client; check its peer line` });
    }
    return out;
}
/** A POP a live route server has no session with and no route through (its own search said so). */
export function unreachableOnRouter(asn, answer, neighbours) {
    return {
        asn,
        answer,
        detail: `AS${asn} is not a neighbour of the route server (its neighbours: ${list(new Set(neighbours))}) and no route it holds has a path ` +
            `through it (show ip bgp regexp _${asn}_): that POP would never get a client; check its peer line`,
    };
}
//# sourceMappingURL=pop-reach.js.map