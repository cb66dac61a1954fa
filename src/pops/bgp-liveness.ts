import type { Asn } from '../core/asn.js';
import type { PopTable } from '../core/pop-selection.js';
import type { BgpSession } from '../parsers/zebra-show-bgp.js';

/** The POPs whose BGP sessions (those with the POP's AS as the remote AS) are all down. */
export function popsDown(sessions: readonly BgpSession[], pops: PopTable): Set<Asn> {
  const up = new Map<Asn, boolean>();
  for (const s of sessions) {
    if (!pops.has(s.asn)) continue;
    up.set(s.asn, (up.get(s.asn) ?? false) || s.established);
  }
  return new Set([...up].filter(([, anyUp]) => !anyUp).map(([asn]) => asn));
}

export interface LivenessEvents {
  /** A POP went down (`downForMs` undefined) or came back up. */
  readonly onChange: (asn: Asn, down: boolean, downForMs: number | undefined) => void;
}

/**
 * Watches the route server's BGP sessions with one small command every `intervalMs` on the shared
 * session. A POP whose sessions are all down takes no new clients; a POP reached only behind another
 * session (no session of its own) is never judged here.
 */
export class BgpLiveness {
  #down = new Map<Asn, number>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #polling = false;

  constructor(
    private readonly sessions: () => Promise<readonly BgpSession[] | undefined>,
    private readonly pops: PopTable,
    private readonly events: LivenessEvents,
    intervalMs = 1000,
  ) {
    this.#timer = setInterval(() => void this.poll(), intervalMs);
    this.#timer.unref();
  }

  readonly unavailable = (asn: Asn): string | undefined => (this.#down.has(asn) ? 'its BGP sessions are down' : undefined);

  async poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      const sessions = await this.sessions().catch(() => undefined);
      // Nothing to judge by (the route server is down, or shows no sessions): the last state holds.
      if (!sessions) return;
      const down = popsDown(sessions, this.pops);
      const now = performance.now();
      for (const asn of down) {
        if (this.#down.has(asn)) continue;
        this.#down.set(asn, now);
        this.events.onChange(asn, true, undefined);
      }
      for (const [asn, since] of this.#down) {
        if (down.has(asn)) continue;
        this.#down.delete(asn);
        this.events.onChange(asn, false, now - since);
      }
    } finally {
      this.#polling = false;
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
