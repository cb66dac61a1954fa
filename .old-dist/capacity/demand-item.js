import { formatPrefix, MAX_PREFIX_LENGTH, prefixCovers } from '../core/prefix.js';
/** Splits stop here: finer than this, logs say nothing a resolver could act on. */
export const FINEST_SPLIT = { 4: 24, 6: 48 };
/** The two halves of a prefix, one bit longer; undefined at a host prefix. */
export function halves(prefix) {
    if (prefix.length >= MAX_PREFIX_LENGTH[prefix.family])
        return undefined;
    const length = prefix.length + 1;
    if (prefix.family === 4) {
        const bit = 2 ** (32 - length);
        return [
            { family: 4, network: prefix.network, length },
            { family: 4, network: prefix.network + bit, length },
        ];
    }
    const bit = 1n << BigInt(128 - length);
    return [
        { family: 6, network: prefix.network, length },
        { family: 6, network: prefix.network | bit, length },
    ];
}
/** Whether a part of a deciding prefix may be split further. */
export function splittable(prefix, leaves) {
    return prefix.length < FINEST_SPLIT[prefix.family] && leaves.length > 1;
}
/** The leaves of `leaves` inside `part`, and their demand. */
export function leavesWithin(part, leaves) {
    const inside = [];
    let demand = 0;
    for (const leaf of leaves) {
        if (prefixCovers(part, leaf.prefix)) {
            inside.push(leaf);
            demand += leaf.demand;
        }
    }
    return { leaves: inside, demand };
}
export function prefixKey(prefix) {
    return formatPrefix(prefix);
}
//# sourceMappingURL=demand-item.js.map