/**
 * Every POP's availability from several checks (BGP sessions, health probes, drains), each of which
 * says why a POP cannot serve. Checks report a change by calling refresh(); each POP whose
 * availability changed is reported once, so answers naming it (or that walked past it) can go.
 */
export class PopAvailability {
    pops;
    onChange;
    clock;
    #checks = new Map();
    #states = new Map();
    constructor(pops, onChange, clock = Date.now) {
        this.pops = pops;
        this.onChange = onChange;
        this.clock = clock;
        this.refresh();
    }
    /** Why the POP cannot take clients now, or undefined: read on every new answer, so a map lookup. */
    unavailable = (asn) => this.#states.get(asn)?.why;
    addCheck(cause, check) {
        this.#checks.set(check, cause);
        this.refresh();
    }
    removeCheck(check) {
        this.#checks.delete(check);
        this.refresh();
    }
    /** A new POP table (the config changed): POPs no longer in it are forgotten without a report. */
    setPops(pops) {
        this.pops = pops;
        for (const asn of this.#states.keys())
            if (!pops.has(asn))
                this.#states.delete(asn);
        this.refresh();
    }
    refresh() {
        const now = this.clock();
        for (const [asn, answer] of this.pops) {
            const reasons = [];
            const causes = [];
            for (const [check, cause] of this.#checks) {
                const why = check(asn, answer);
                if (why === undefined)
                    continue;
                reasons.push(why);
                causes.push(cause);
            }
            const why = reasons.length > 0 ? reasons.join('; ') : undefined;
            const previous = this.#states.get(asn);
            if (!previous || previous.answer !== answer) {
                this.#states.set(asn, { asn, answer, why, causes, sinceMs: now });
                continue;
            }
            if ((previous.why === undefined) === (why === undefined)) {
                if (previous.why !== why)
                    this.#states.set(asn, { ...previous, why, causes });
                continue;
            }
            const state = { asn, answer, why, causes, sinceMs: now };
            this.#states.set(asn, state);
            this.onChange({ ...state, lastedMs: now - previous.sinceMs });
        }
    }
    states() {
        return [...this.#states.values()];
    }
}
/** Drained wins over the rest: it is what an operator chose; then health, then sessions. */
export function popCondition(state) {
    if (state.causes.length === 0)
        return 'up';
    if (state.causes.includes('drained'))
        return 'drained';
    return state.causes.includes('health') ? 'unhealthy' : 'down';
}
//# sourceMappingURL=pop-availability.js.map