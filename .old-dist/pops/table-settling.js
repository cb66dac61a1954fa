/** A route server that (re)connected is trusted after this long whatever its sessions show (a peer may stay down). */
export const MAX_SETTLING_MS = 60_000;
/**
 * Tells when a route server's table is whole again after it (re)connected or a session came up:
 * every session this process has seen Established is Established again, and no session's count of
 * received prefixes grew between two looks (the table has arrived, not still arriving). Routine churn
 * of a full table moves counts by a few prefixes: growth above a thousandth counts as still arriving.
 * Pure: fed the sessions as polled.
 */
export class TableSettling {
    clock;
    #settling;
    #previous;
    #everEstablished = new Set();
    constructor(clock = Date.now) {
        this.clock = clock;
    }
    /** Undefined once the table can be trusted. */
    get settling() {
        return this.#settling;
    }
    /** The route server (re)connected: it may have restarted with empty tables. */
    begin(why) {
        this.#settling ??= { sinceMs: this.clock(), why };
        this.#previous = undefined;
    }
    /** The sessions as just polled; returns true when this look ends a settling period. */
    observe(sessions) {
        const previous = this.#previous;
        this.#previous = sessions;
        const cameUp = sessions.filter((s) => s.established && !previous?.find((p) => p.neighbor === s.neighbor)?.established);
        if (previous !== undefined && cameUp.length > 0)
            this.begin(`BGP session ${cameUp.map((s) => `${s.neighbor} (AS${s.asn})`).join(', ')} came up`);
        for (const s of sessions)
            if (s.established)
                this.#everEstablished.add(s.neighbor);
        const settling = this.#settling;
        if (!settling)
            return false;
        // Sessions that were up, or are trying to come up: their routes are part of the table.
        const awaited = sessions.filter((s) => !s.established && (this.#everEstablished.has(s.neighbor) || TRYING.has(s.state)));
        const arriving = previous === undefined ? sessions : sessions.filter((s) => stillArriving(s, previous));
        const timedOut = this.clock() - settling.sinceMs >= MAX_SETTLING_MS;
        if (!timedOut && (awaited.length > 0 || arriving.length > 0 || previous === undefined))
            return false;
        this.#settling = undefined;
        return true;
    }
}
const TRYING = new Set(['Connect', 'Active', 'OpenSent', 'OpenConfirm']);
function stillArriving(session, previous) {
    if (!session.established)
        return false;
    const before = previous.find((p) => p.neighbor === session.neighbor);
    if (!before?.established)
        return true;
    if (session.prefixes === undefined || before.prefixes === undefined)
        return false;
    return session.prefixes - before.prefixes > Math.max(0, before.prefixes / 1000);
}
//# sourceMappingURL=table-settling.js.map