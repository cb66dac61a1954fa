import type { Asn } from '../core/asn.js';
import type { PopTable } from '../core/pop-selection.js';
import type { BgpSession } from '../core/bgp-session.js';
import { TableSettling, type Settling } from './table-settling.js';

/** The POPs whose BGP sessions (those with the POP's AS as the remote AS) are all down. */
export function popsDown(sessions: readonly BgpSession[], pops: PopTable): Set<Asn> {
  const up = new Map<Asn, boolean>();
  for (const s of sessions) {
    if (!pops.has(s.asn)) continue;
    up.set(s.asn, (up.get(s.asn) ?? false) || s.established);
  }
  return new Set([...up].filter(([, anyUp]) => !anyUp).map(([asn]) => asn));
}

const BGP_SESSIONS_DOWN = 'its BGP sessions are down';

/**
 * Watches the route server's BGP sessions with one small command every `intervalMs` on the shared
 * session. A POP whose sessions are all down takes no new clients; a POP reached only behind another
 * session (no session of its own) is never judged here.
 */
/** What the look at the sessions found. */
export type LivenessEvent =
  /** The set of POPs down changed. */
  | { readonly kind: 'pops-down-changed' }
  /** The table is whole again, `settledMs` after it was last in doubt. */
  | { readonly kind: 'table-settled'; readonly settledMs: number; readonly since: Settling }
  /** Routes came or went on some session since the last look (routers that count them: BIRD). */
  | { readonly kind: 'routes-changed' };

export class BgpLiveness {
  #down = new Set<Asn>();
  #sessions: readonly BgpSession[] | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #polling = false;
  #routeChanges: string | undefined;

  /** Whether the route server's table is whole: after a reconnect or a session coming up, it may still be arriving. */
  readonly settling = new TableSettling();

  constructor(
    private readonly sessions: () => Promise<readonly BgpSession[] | undefined>,
    private pops: PopTable,
    private readonly onEvent: (event: LivenessEvent) => void,
    intervalMs = 1000,
  ) {
    this.#timer = setInterval(() => void this.poll(), intervalMs);
    this.#timer.unref();
  }

  readonly unavailable = (asn: Asn): string | undefined => (this.#down.has(asn) ? BGP_SESSIONS_DOWN : undefined);

  /** The sessions as last seen; undefined until the route server has shown them. */
  get lastSessions(): readonly BgpSession[] | undefined {
    return this.#sessions;
  }

  setPops(pops: PopTable): void {
    this.pops = pops;
    if (this.#sessions) this.#judge(this.#sessions);
  }

  async poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      const sessions = await this.sessions().catch(() => undefined);
      // Nothing to judge by (the route server is down, or shows no sessions): the last state holds.
      if (!sessions) return;
      this.#sessions = sessions;
      const wasSettling = this.settling.settling;
      if (this.settling.observe(sessions) && wasSettling)
        this.onEvent({ kind: 'table-settled', settledMs: Date.now() - wasSettling.sinceMs, since: wasSettling });
      this.#judge(sessions);
      this.#noticeRouteChanges(sessions);
    } finally {
      this.#polling = false;
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #noticeRouteChanges(sessions: readonly BgpSession[]): void {
    const counted = sessions.filter((s) => s.routeChanges !== undefined);
    if (counted.length === 0) return;
    // Per session, so that one that reset (counting from zero again) is a change too.
    const now = counted.map((s) => `${s.neighbor}=${s.routeChanges}`).join(' ');
    const before = this.#routeChanges;
    this.#routeChanges = now;
    // The first look too: answers cached before it may rest on routes that changed meanwhile.
    if (now !== before) this.onEvent({ kind: 'routes-changed' });
  }

  #judge(sessions: readonly BgpSession[]): void {
    const down = popsDown(sessions, this.pops);
    const changed = down.size !== this.#down.size || [...down].some((asn) => !this.#down.has(asn));
    this.#down = down;
    if (changed) this.onEvent({ kind: 'pops-down-changed' });
  }
}
