import { printable } from '../io/printable.js';
import { formatPrefix } from '../core/prefix.js';
/**
 * What to announce in a state: every prefix while up (with the up MED, if any); while drained, every
 * prefix with the drained MED when MEDs are set (a gentle drain), else nothing; when down, nothing.
 */
export function announcementsFor(state, lines, med) {
    if (state === 'down' || (state === 'drained' && med === undefined))
        return [];
    const value = med === undefined ? undefined : state === 'up' ? med.up : med.drained;
    return lines.map((line) => ({ prefix: formatPrefix(line.prefix), nextHop: line.nextHop, med: value }));
}
/** ExaBGP API commands taking what was announced to what should be: only the changes, withdrawals first. */
export function commandsBetween(before, after) {
    const now = new Map(after.map((a) => [a.prefix, a]));
    const was = new Map(before.map((a) => [a.prefix, a]));
    const commands = [];
    for (const a of before)
        if (!now.has(a.prefix))
            commands.push(`withdraw route ${a.prefix} next-hop ${a.nextHop}`);
    for (const a of after) {
        const old = was.get(a.prefix);
        if (old && old.nextHop === a.nextHop && old.med === a.med)
            continue;
        commands.push(`announce route ${a.prefix} next-hop ${a.nextHop}${a.med === undefined ? '' : ` med ${a.med}`}`);
    }
    return commands;
}
/** ExaBGP's JSON on the process's input: the neighbor state changes ("up" after a session (re)starts), else nothing. */
export function neighborStateOf(line) {
    if (!line.startsWith('{'))
        return undefined;
    let message;
    try {
        message = JSON.parse(line);
    }
    catch {
        return undefined;
    }
    // Whatever its shape: only strings are taken, and only as printable text.
    const m = message;
    if (typeof m !== 'object' || m === null || m.type !== 'state')
        return undefined;
    const neighbor = typeof m.neighbor === 'object' && m.neighbor !== null ? m.neighbor : undefined;
    if (typeof neighbor?.state !== 'string')
        return undefined;
    const address = typeof neighbor.address === 'object' && neighbor.address !== null ? neighbor.address : undefined;
    const peer = typeof address?.peer === 'string' ? printable(address.peer, 64) : '?';
    return { peer, state: printable(neighbor.state, 32) };
}
//# sourceMappingURL=announcer.js.map