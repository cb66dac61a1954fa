/**
 * The answer of the POP with this AS when it can serve; undefined for an AS that is no POP, or a POP
 * that cannot serve (noted in `skipped`): such a POP is walked past, the next one nearer the neighbour end winning.
 */
function servingAnswer(asn, pops, unavailable, skipped) {
    const answer = pops.get(asn);
    if (answer === undefined)
        return undefined;
    const why = unavailable?.(asn, answer);
    if (why === undefined)
        return answer;
    skipped?.push({ asn, answer, why });
    return undefined;
}
export function matchPop(path, pops, unavailable, skipped) {
    if (pops.size === 0)
        return undefined;
    for (let s = path.length - 1; s >= 0; s--) {
        const segment = path[s];
        const ordered = segment.type === 'sequence' || segment.type === 'confed-sequence' || segment.asns.length === 1;
        if (!ordered)
            continue;
        for (let i = segment.asns.length - 1; i >= 0; i--) {
            const asn = segment.asns[i];
            const answer = servingAnswer(asn, pops, unavailable, skipped);
            if (answer !== undefined)
                return { asn, answer, segmentIndex: s, asnIndex: i };
        }
    }
    return undefined;
}
/**
 * matchPop over a path's POPs decided in advance (nearest the origin first, as popsOf gives them): the
 * same answer without the path. Where on the path the POP stands is not known here (-1): explanations
 * find it by its AS.
 */
export function matchDecidedPops(onPath, pops, unavailable, skipped) {
    for (const asn of onPath) {
        const answer = servingAnswer(asn, pops, unavailable, skipped);
        if (answer !== undefined)
            return { asn, answer, segmentIndex: -1, asnIndex: -1 };
    }
    return undefined;
}
/** Where matchPop would have found `asn` on the path: the ordered occurrence nearest the origin. */
export function placeOnPath(path, asn) {
    for (let s = path.length - 1; s >= 0; s--) {
        const segment = path[s];
        if (segment.type !== 'sequence' && segment.type !== 'confed-sequence' && segment.asns.length !== 1)
            continue;
        const i = segment.asns.lastIndexOf(asn);
        if (i >= 0)
            return { segmentIndex: s, asnIndex: i };
    }
    return undefined;
}
/** The POP ASes on a path in the order matchPop walks them (from the origin end), each once. */
export function popsOnPath(path, pops) {
    const found = [];
    for (let s = path.length - 1; s >= 0; s--) {
        const segment = path[s];
        if (segment.type !== 'sequence' && segment.type !== 'confed-sequence' && segment.asns.length !== 1)
            continue;
        for (let i = segment.asns.length - 1; i >= 0; i--) {
            const asn = segment.asns[i];
            if (pops.has(asn) && !found.includes(asn))
                found.push(asn);
        }
    }
    return found;
}
//# sourceMappingURL=pop-selection.js.map