import type { Asn } from '../core/asn.js';
import type { PopTable, PopUnavailable } from '../core/pop-selection.js';

/** A POP's state as the checks see it: why it cannot take clients (undefined: it can), since when. */
export interface PopState {
  readonly asn: Asn;
  readonly answer: string;
  readonly why: string | undefined;
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
  readonly #checks = new Set<PopUnavailable>();
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

  addCheck(check: PopUnavailable): void {
    this.#checks.add(check);
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
      for (const check of this.#checks) {
        const why = check(asn, answer);
        if (why !== undefined) reasons.push(why);
      }
      const why = reasons.length > 0 ? reasons.join('; ') : undefined;
      const previous = this.#states.get(asn);
      if (!previous || previous.answer !== answer) {
        this.#states.set(asn, { asn, answer, why, sinceMs: now });
        continue;
      }
      if ((previous.why === undefined) === (why === undefined)) {
        if (previous.why !== why) this.#states.set(asn, { ...previous, why });
        continue;
      }
      const state = { asn, answer, why, sinceMs: now };
      this.#states.set(asn, state);
      this.onChange({ ...state, lastedMs: now - previous.sinceMs });
    }
  }

  states(): readonly PopState[] {
    return [...this.#states.values()];
  }
}
