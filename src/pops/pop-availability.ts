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
export class PopAvailability {
  readonly #checks = new Map<PopUnavailable, PopOutCause>();
  readonly #states = new Map<Asn, PopState>();

  constructor(
    private pops: PopTable,
    private readonly onChange: (change: PopStateChange) => void,
    private readonly clock: () => number = Date.now,
  ) {
    this.refresh();
  }

  /** Why the POP cannot take clients now, or undefined: read on every new answer, so a map lookup. */
  readonly unavailable: PopUnavailable = (asn) => this.#states.get(asn)?.why;

  addCheck(cause: PopOutCause, check: PopUnavailable): void {
    this.#checks.set(check, cause);
    this.refresh();
  }

  removeCheck(check: PopUnavailable): void {
    this.#checks.delete(check);
    this.refresh();
  }

  /** A new POP table (the config changed): POPs no longer in it are forgotten without a report. */
  setPops(pops: PopTable): void {
    this.pops = pops;
    for (const asn of this.#states.keys()) if (!pops.has(asn)) this.#states.delete(asn);
    this.refresh();
  }

  refresh(): void {
    const now = this.clock();
    for (const [asn, answer] of this.pops) {
      const reasons: string[] = [];
      const causes: PopOutCause[] = [];
      for (const [check, cause] of this.#checks) {
        const why = check(asn, answer);
        if (why === undefined) continue;
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
        if (previous.why !== why) this.#states.set(asn, { ...previous, why, causes });
        continue;
      }
      const state = { asn, answer, why, causes, sinceMs: now };
      this.#states.set(asn, state);
      this.onChange({ ...state, lastedMs: now - previous.sinceMs });
    }
  }

  states(): readonly PopState[] {
    return [...this.#states.values()];
  }
}

/** Drained wins over the rest: it is what an operator chose; then health, then sessions. */
export function popCondition(state: Pick<PopState, 'causes'>): PopCondition {
  if (state.causes.length === 0) return 'up';
  if (state.causes.includes('drained')) return 'drained';
  return state.causes.includes('health') ? 'unhealthy' : 'down';
}
