/** A check starts up, as haproxy's servers do: one failing from the start is down after `fall` quick probes. */
export function initialHealth(nowMs) {
    return { up: true, run: 0, sinceMs: nowMs, probedAtMs: 0, detail: 'not probed yet' };
}
export function afterProbe(record, passed, detail, nowMs, rules) {
    if (passed === record.up)
        return { ...record, run: 0, probedAtMs: nowMs, detail };
    const run = record.run + 1;
    if (run < (record.up ? rules.fall : rules.rise))
        return { ...record, run, probedAtMs: nowMs, detail };
    return { up: !record.up, run: 0, sinceMs: nowMs, probedAtMs: nowMs, detail };
}
/** When the next probe is due. */
export function nextProbeAt(record, rules) {
    return record.probedAtMs + (record.run > 0 || record.probedAtMs === 0 ? rules.fastIntervalMs : rules.intervalMs);
}
//# sourceMappingURL=health-state.js.map