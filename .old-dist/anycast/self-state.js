/** This POP's anycast state from its own health checks and the drain file, and why when not up. */
export function selfState(self, pops, checks) {
    const failing = checks.health().find((h) => h.host === self && h.record.probedAtMs > 0 && !h.record.up);
    if (failing)
        return { state: 'down', why: `health check ${failing.url} failing: ${failing.record.detail}` };
    // Its AS is the one a peer line gives this POP's own answer, if any: a drain may name either.
    const selfAsn = [...pops].find(([, answer]) => answer === self)?.[0] ?? -1;
    const drained = checks.drained?.(selfAsn, self);
    if (drained !== undefined)
        return { state: 'drained', why: drained };
    return { state: 'up' };
}
//# sourceMappingURL=self-state.js.map