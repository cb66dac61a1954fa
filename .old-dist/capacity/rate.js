const SCALE = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6, g: 1e9, G: 1e9, t: 1e12, T: 1e12 };
/**
 * Parses a capacity: `800` or `800/s` (requests per second), `10Gbit/s`, `750Mbit/s`, `1.5Gbps`
 * (bits per second of responses); undefined for anything else.
 */
export function parseRate(text) {
    const requests = /^(\d+(?:\.\d+)?)([kKmM]?)(?:\/s|rps)?$/.exec(text);
    if (requests)
        return positive('requests', Number(requests[1]) * SCALE[requests[2]]);
    const bits = /^(\d+(?:\.\d+)?)([kKmMgGtT]?)(?:bit\/s|bps|b\/s)$/.exec(text);
    if (bits)
        return positive('bits', Number(bits[1]) * SCALE[bits[2]]);
    return undefined;
}
function positive(unit, perSecond) {
    return Number.isFinite(perSecond) && perSecond > 0 ? { unit, perSecond } : undefined;
}
/** `812/s`, `9.4 Gbit/s`: a rate as people read it. */
export function formatRate(perSecond, unit) {
    if (unit === 'requests')
        return `${perSecond >= 100 ? Math.round(perSecond) : Number(perSecond.toPrecision(3))}/s`;
    for (const [suffix, scale] of [
        ['T', 1e12],
        ['G', 1e9],
        ['M', 1e6],
        ['k', 1e3],
    ]) {
        if (perSecond >= scale)
            return `${Number((perSecond / scale).toPrecision(3))} ${suffix}bit/s`;
    }
    return `${Number(perSecond.toPrecision(3))} bit/s`;
}
//# sourceMappingURL=rate.js.map