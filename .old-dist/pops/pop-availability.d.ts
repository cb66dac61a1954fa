import type { Asn } from '../core/asn.js';
import type { PopTable, PopUnavailable } from '../core/pop-selection.js';
/** What can take a POP out: its BGP sessions on the route server, its health checks, the drain file. */
export type PopOutCause = 'sessions' | 'health' | 'drained';
/** A POP as monitoring names it: `down` is out for its sessions. */
export type PopCondition = 'up' | 'drained' | 'down' | 'unhealthy';
/** A POP's state as the checks see it: why it cannot take clients (undefined: it can), since when. */
export interface PopState {
    readonly asn: Asn;
    readonly answer: string;
    readonly why: string | undefined;
    /** Each check that takes it out; empty when it can take clients. */
    readonly causes: readonly PopOutCause[];
    /** Epoch milliseconds of the last change between available and not; when first seen, at start. */
    readonly sinceMs: number;
}
export interface PopStateChange extends PopState {
    /** How long the previous state lasted. */
    readonly lastedMs: number;
}
/**
 * Every POP's availability from several checks (BGP sessions, health probes, drains), each of which
 * says why a POP cannot serve. Checks report a change by calling refresh(); each POP whose
 * availability changed is reported once, so answers naming it (or that walked past it) can go.
 */
export declare class PopAvailability {
    #private;
    private pops;
    private readonly onChange;
    private readonly clock;
    constructor(pops: PopTable, onChange: (change: PopStateChange) => void, clock?: () => number);
    /** Why the POP cannot take clients now, or undefined: read on every new answer, so a map lookup. */
    readonly unavailable: PopUnavailable;
    addCheck(cause: PopOutCause, check: PopUnavailable): void;
    removeCheck(check: PopUnavailable): void;
    /** A new POP table (the config changed): POPs no longer in it are forgotten without a report. */
    setPops(pops: PopTable): void;
    refresh(): void;
    states(): readonly PopState[];
}
/** Drained wins over the rest: it is what an operator chose; then health, then sessions. */
export declare function popCondition(state: Pick<PopState, 'causes'>): PopCondition;
