/** A span of time as a person reads it: 250 ms, 3.5 s, 4 min. */
export function duration(ms) {
    return ms < 1000 ? `${Math.round(ms)} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}
//# sourceMappingURL=duration.js.map