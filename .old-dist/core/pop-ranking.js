import { matchPop, placeOnPath } from './pop-selection.js';
/**
 * Path length as BGP's decision process counts it (RFC 4271 9.1.2.2): each AS of a sequence, prepends
 * included; a set as one; confederation segments as none (RFC 5065).
 */
export function bgpPathLength(path, fromSegment = 0, fromAsn = 0) {
    let length = 0;
    for (let s = fromSegment; s < path.length; s++) {
        const segment = path[s];
        if (segment.type === 'sequence')
            length += segment.asns.length - (s === fromSegment ? fromAsn : 0);
        else if (segment.type === 'set')
            length += s === fromSegment && fromAsn > 0 ? 0 : 1;
    }
    return length;
}
/** How many AS hops lie between `asn` and the origin on `path` (its occurrence nearest the origin), or undefined. */
export function hopsToOrigin(path, asn) {
    const place = placeOnPath(path, asn);
    return place === undefined ? undefined : bgpPathLength(path, place.segmentIndex, place.asnIndex + 1);
}
/**
 * The POPs able to serve a prefix, from every path the route server holds for it: first the one the
 * paper's rule picks on the best path (self when none), then every other POP some path crosses, and
 * self, by hops to the origin (a POP crossed by several paths at its nearest); ties keep the order
 * the paths are listed in, the best first.
 */
export function rankPops(best, others, pops, self) {
    const first = matchPop(best, pops);
    const hops = new Map();
    const consider = (path) => {
        for (let s = path.length - 1; s >= 0; s--) {
            const segment = path[s];
            if (segment.type !== 'sequence' && segment.type !== 'confed-sequence' && segment.asns.length !== 1)
                continue;
            for (const asn of segment.asns) {
                const answer = pops.get(asn);
                if (answer === undefined || answer === first?.answer)
                    continue;
                const distance = hopsToOrigin(path, asn);
                const known = hops.get(answer);
                if (known === undefined || distance < known.hops)
                    hops.set(answer, { answer, asn, hops: distance });
            }
        }
    };
    consider(best);
    for (const path of others)
        consider(path);
    const selfEntry = { answer: self, asn: undefined, hops: bgpPathLength(best) };
    const head = first ? { answer: first.answer, asn: first.asn, hops: hopsToOrigin(best, first.asn) } : selfEntry;
    const rest = [...hops.values()];
    if (first)
        rest.push(selfEntry);
    // Array sort is stable: ties keep the order the paths were walked in, self after the POPs.
    rest.sort((a, b) => a.hops - b.hops);
    return [head, ...rest.filter((entry) => entry.answer !== head.answer)];
}
/**
 * The first POP of a ranking that can take clients now, walking past those that cannot (noted in
 * `skipped`); undefined when none can, self included.
 */
export function firstServing(ranking, unavailable, skipped) {
    for (const entry of ranking) {
        if (entry.asn === undefined)
            return entry;
        const why = unavailable?.(entry.asn, entry.answer);
        if (why === undefined)
            return entry;
        skipped?.push({ asn: entry.asn, answer: entry.answer, why });
    }
    return undefined;
}
//# sourceMappingURL=pop-ranking.js.map