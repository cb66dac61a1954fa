import { TableSettling } from './table-settling.js';
/** The POPs whose BGP sessions (those with the POP's AS as the remote AS) are all down. */
export function popsDown(sessions, pops) {
    const up = new Map();
    for (const s of sessions) {
        if (!pops.has(s.asn))
            continue;
        up.set(s.asn, (up.get(s.asn) ?? false) || s.established);
    }
    return new Set([...up].filter(([, anyUp]) => !anyUp).map(([asn]) => asn));
}
const BGP_SESSIONS_DOWN = 'its BGP sessions are down';
export class BgpLiveness {
    sessions;
    pops;
    onEvent;
    #down = new Set();
    #sessions;
    #timer;
    #polling = false;
    #routeChanges;
    /** Whether the route server's table is whole: after a reconnect or a session coming up, it may still be arriving. */
    settling = new TableSettling();
    constructor(sessions, pops, onEvent, intervalMs = 1000) {
        this.sessions = sessions;
        this.pops = pops;
        this.onEvent = onEvent;
        this.#timer = setInterval(() => void this.poll(), intervalMs);
        this.#timer.unref();
    }
    unavailable = (asn) => (this.#down.has(asn) ? BGP_SESSIONS_DOWN : undefined);
    /** The sessions as last seen; undefined until the route server has shown them. */
    get lastSessions() {
        return this.#sessions;
    }
    setPops(pops) {
        this.pops = pops;
        if (this.#sessions)
            this.#judge(this.#sessions);
    }
    async poll() {
        if (this.#polling)
            return;
        this.#polling = true;
        try {
            const sessions = await this.sessions().catch(() => undefined);
            // Nothing to judge by (the route server is down, or shows no sessions): the last state holds.
            if (!sessions)
                return;
            this.#sessions = sessions;
            const wasSettling = this.settling.settling;
            if (this.settling.observe(sessions) && wasSettling)
                this.onEvent({ kind: 'table-settled', settledMs: Date.now() - wasSettling.sinceMs, since: wasSettling });
            this.#judge(sessions);
            this.#noticeRouteChanges(sessions);
        }
        finally {
            this.#polling = false;
        }
    }
    stop() {
        clearInterval(this.#timer);
        this.#timer = undefined;
    }
    #noticeRouteChanges(sessions) {
        const counted = sessions.filter((s) => s.routeChanges !== undefined);
        if (counted.length === 0)
            return;
        // Per session, so that one that reset (counting from zero again) is a change too.
        const now = counted.map((s) => `${s.neighbor}=${s.routeChanges}`).join(' ');
        const before = this.#routeChanges;
        this.#routeChanges = now;
        // The first look too: answers cached before it may rest on routes that changed meanwhile.
        if (now !== before)
            this.onEvent({ kind: 'routes-changed' });
    }
    #judge(sessions) {
        const down = popsDown(sessions, this.pops);
        const changed = down.size !== this.#down.size || [...down].some((asn) => !this.#down.has(asn));
        this.#down = down;
        if (changed)
            this.onEvent({ kind: 'pops-down-changed' });
    }
}
//# sourceMappingURL=bgp-liveness.js.map