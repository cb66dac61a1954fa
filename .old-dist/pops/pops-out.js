/** The POPs (by answer) that cannot take clients now: down, drained, unhealthy. Nothing is planned onto them. */
export function popsOut(config, pops) {
    const out = new Set();
    for (const [asn, pop] of config.pops)
        if (pops.unavailable?.(asn, pop) !== undefined)
            out.add(pop);
    return out;
}
//# sourceMappingURL=pops-out.js.map