/** Math.max takes no bigint. */
const later = (a, b) => (a > b ? a : b);
const next = (v) => (typeof v === 'number' ? v + 1 : v + 1n);
const before = (v) => (typeof v === 'number' ? v - 1 : v - 1n);
function lastOf(prefix) {
    return prefix.family === 4 ? prefix.network + 2 ** (32 - prefix.length) - 1 : prefix.network + (1n << BigInt(128 - prefix.length)) - 1n;
}
/** A family's plan lines as ranges that do not overlap, in address order; a nested line cuts its wider one. */
export function plannedRanges(entries, family) {
    const lines = entries
        .filter((e) => e.prefix.family === family)
        .map((e) => ({ first: e.prefix.network, last: lastOf(e.prefix), pop: e.pop, length: e.prefix.length }))
        .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : a.length - b.length));
    const out = [];
    /** Lines open at the sweep's position, widest first: the innermost answers. */
    const open = [];
    let at;
    const emitUntil = (end) => {
        while (open.length > 0 && at !== undefined && at <= end) {
            const inner = open[open.length - 1];
            const stop = inner.last < end ? inner.last : end;
            if (at <= stop)
                out.push({ first: at, last: stop, pop: inner.pop });
            at = next(stop);
            if (inner.last <= stop)
                open.pop();
            while (open.length > 0 && open[open.length - 1].last < at)
                open.pop();
        }
    };
    for (const line of lines) {
        if (at !== undefined)
            emitUntil(before(line.first));
        // Prefixes nest or are apart: whatever is still open covers this line.
        open.push(line);
        at = line.first;
    }
    if (at !== undefined && open.length > 0)
        emitUntil(open[0].last);
    return out;
}
/**
 * Cuts a run of addresses [first, last] with an answer into pieces by the planned ranges (sorted,
 * apart): `planned(pop, answer)` says what a planned piece answers, undefined leaving the run's own answer.
 */
export function* overlay(first, last, answer, ranges, from, planned) {
    let at = first;
    while (from.index < ranges.length && ranges[from.index].last < first)
        from.index++;
    for (let i = from.index; i < ranges.length && ranges[i].first <= last; i++) {
        const range = ranges[i];
        const start = later(range.first, at);
        const end = range.last < last ? range.last : last;
        if (start > at)
            yield { first: at, last: before(start), answer };
        yield { first: start, last: end, answer: planned(range.pop, answer) ?? answer };
        at = next(end);
        if (at > last)
            return;
    }
    yield { first: at, last, answer };
}
//# sourceMappingURL=plan-overlay.js.map