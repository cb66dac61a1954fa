import { formatPrefix, prefixCovers, truncatePrefix } from '../core/prefix.js';
import { leavesWithin } from './demand-item.js';
/** A plan line as JSON has it (the report, the audit file). */
export function planLineRecord(line) {
    return { prefix: formatPrefix(line.prefix), pop: line.pop, demand: line.demand };
}
/** The demand the window measured inside `prefix`: whole deciding prefixes within it, and the leaves of those around it. */
export function demandWithin(prefix, prefixes) {
    let demand = 0;
    for (const p of prefixes) {
        if (prefixCovers(prefix, p.prefix))
            demand += p.demand;
        else if (prefixCovers(p.prefix, prefix))
            demand += p.leaves.length > 0 ? leavesWithin(prefix, p.leaves).demand : prefix.length === p.prefix.length ? p.demand : 0;
    }
    return demand;
}
/** The lines in force, asked which POP they send a block to: the longest line covering it, if any. */
export class LinesInForce {
    #lines;
    #shortest;
    constructor(lines) {
        this.#lines = new Map(lines.map((l) => [keyOf(l.prefix), l.pop]));
        this.#shortest = Math.min(...lines.map((l) => l.prefix.length));
    }
    /** The POP the longest line covering `block` names, skipping lines whose POP `skip` says cannot take it. */
    popOf(block, skip) {
        for (let length = block.length; this.#lines.size > 0 && length >= this.#shortest; length--) {
            const pop = this.#lines.get(keyOf(truncatePrefix(block, length)));
            if (pop !== undefined && !skip?.(pop))
                return pop;
        }
        return undefined;
    }
}
/** A prefix as a map key: a number for IPv4 (asked once per block and length), its text for IPv6. */
function keyOf(prefix) {
    return prefix.family === 4 ? prefix.length * 2 ** 32 + prefix.network : formatPrefix(prefix);
}
/** A move as one move per block (/24, /48) of measured demand inside it, largest first; itself when it has one or none. */
export function blocksOf(move, deciding) {
    const { leaves } = leavesWithin(move.prefix, deciding?.leaves ?? []);
    if (leaves.length <= 1)
        return [move];
    return leaves.map((leaf) => ({ ...move, prefix: leaf.prefix, demand: leaf.demand })).sort((a, b) => b.demand - a.demand);
}
/**
 * The moves of a new plan against the lines in force (prefix → POP): the same line kept, any other
 * added or returned. What is moved counts blocks, not lines: a line joined from halves, one of them in
 * force already, moves only the other.
 */
export function planDiff(inForce, moves, prefixes) {
    const key = (prefix, pop) => `${formatPrefix(prefix)} ${pop.toLowerCase()}`;
    const now = new Map(moves.map((m) => [key(m.prefix, m.to), m]));
    const before = new Map(inForce.map((e) => [key(e.prefix, e.pop), e]));
    const lines = new LinesInForce(inForce);
    const deciding = new Map(prefixes.map((p) => [formatPrefix(p.prefix), p]));
    const added = [];
    const kept = [];
    let moved = 0;
    for (const [k, m] of now) {
        const line = { prefix: m.prefix, pop: m.to, demand: m.demand };
        if (before.has(k)) {
            kept.push(line);
            continue;
        }
        added.push(line);
        for (const block of blocksOf(m, deciding.get(formatPrefix(m.decidingPrefix))))
            if (lines.popOf(block.prefix) !== m.to)
                moved += block.demand;
    }
    const returned = [];
    for (const [k, e] of before)
        if (!now.has(k))
            returned.push({ prefix: e.prefix, pop: e.pop, demand: demandWithin(e.prefix, prefixes) });
    return { added, kept, returned, moved };
}
//# sourceMappingURL=plan-diff.js.map