import { formatAsPath } from '../core/as-path.js';
import { matchPop, type PopTable } from '../core/pop-selection.js';
import { formatPrefix } from '../core/prefix.js';
import type { AsPath } from '../core/as-path.js';
import type { LineOutcome } from './log-run.js';

/** Distinct clients are counted exactly up to this many in all; past it the counts are lower bounds. */
export const MAX_TRACKED_CLIENTS = 1_000_000;

export interface PopRow {
  readonly pop: string;
  readonly requests: number;
  readonly share: number;
  readonly clients: number;
  readonly prefixes: number;
}

export interface PrefixRow {
  readonly prefix: string;
  readonly asPath: string;
  readonly pop: string;
  readonly requests: number;
}

export interface MoveRow {
  readonly to: string;
  readonly requests: number;
  readonly share: number;
}

export interface LogSummary {
  readonly lines: number;
  readonly answered: number;
  readonly noAddress: number;
  readonly failed: number;
  /** False once more distinct clients were seen than are tracked: client counts are then at least. */
  readonly clientsExact: boolean;
  readonly pops: readonly PopRow[];
  readonly topPrefixes: readonly PrefixRow[];
  /** With `without`: where the drained POP's requests would go. */
  readonly without?: { readonly pop: string; readonly requests: number; readonly moves: readonly MoveRow[] };
}

interface PrefixTally {
  readonly prefix: string;
  readonly asPath: AsPath | undefined;
  readonly pop: string;
  requests: number;
}

/** Per-POP and per-prefix tallies of a log run's outcomes. Pure. */
export class SummaryCounter {
  #lines = 0;
  #noAddress = 0;
  #failed = 0;
  readonly #requests = new Map<string, number>();
  readonly #clients = new Map<string, Set<string>>();
  #trackedClients = 0;
  #clientsExact = true;
  readonly #prefixes = new Map<string, PrefixTally>();
  readonly #prefixesByPop = new Map<string, Set<string>>();

  add(outcome: LineOutcome): void {
    this.#lines++;
    if (outcome.kind === 'no-address') {
      this.#noAddress++;
      return;
    }
    if (outcome.kind === 'failed') {
      this.#failed++;
      return;
    }
    const { decision, key } = outcome;
    const pop = decision.answer;
    this.#requests.set(pop, (this.#requests.get(pop) ?? 0) + 1);
    let clients = this.#clients.get(pop);
    if (!clients) {
      clients = new Set();
      this.#clients.set(pop, clients);
    }
    const client = decision.address?.text ?? key;
    if (!clients.has(client)) {
      if (this.#trackedClients < MAX_TRACKED_CLIENTS) {
        clients.add(client);
        this.#trackedClients++;
      } else this.#clientsExact = false;
    }
    const route = decision.route;
    const prefixText = route ? formatPrefix(route.prefix) : 'no route';
    const tallyKey = `${prefixText} ${pop}`;
    let tally = this.#prefixes.get(tallyKey);
    if (!tally) {
      tally = { prefix: prefixText, asPath: route?.asPath, pop, requests: 0 };
      this.#prefixes.set(tallyKey, tally);
      let set = this.#prefixesByPop.get(pop);
      if (!set) {
        set = new Set();
        this.#prefixesByPop.set(pop, set);
      }
      if (route) set.add(prefixText);
    }
    tally.requests++;
  }

  summary(options: { top: number; without?: { readonly pop: string; readonly pops: PopTable; readonly self: string } }): LogSummary {
    const answered = this.#lines - this.#noAddress - this.#failed;
    const share = (n: number): number => (answered === 0 ? 0 : (100 * n) / answered);
    const pops = [...this.#requests]
      .map(([pop, requests]) => ({
        pop,
        requests,
        share: share(requests),
        clients: this.#clients.get(pop)?.size ?? 0,
        prefixes: this.#prefixesByPop.get(pop)?.size ?? 0,
      }))
      .sort((a, b) => b.requests - a.requests || a.pop.localeCompare(b.pop));
    const topPrefixes = [...this.#prefixes.values()]
      .sort((a, b) => b.requests - a.requests || a.prefix.localeCompare(b.prefix))
      .slice(0, options.top)
      .map((t) => ({ prefix: t.prefix, asPath: t.asPath ? formatAsPath(t.asPath) : '-', pop: t.pop, requests: t.requests }));
    const result: LogSummary = {
      lines: this.#lines,
      answered,
      noAddress: this.#noAddress,
      failed: this.#failed,
      clientsExact: this.#clientsExact,
      pops,
      topPrefixes,
    };
    return options.without ? { ...result, without: this.#without(options.without, share) } : result;
  }

  /** Where a drained POP's requests go: each of its prefixes' paths walked again without it. */
  #without(
    drain: { readonly pop: string; readonly pops: PopTable; readonly self: string },
    share: (n: number) => number,
  ): NonNullable<LogSummary['without']> {
    const remaining = new Map([...drain.pops].filter(([, answer]) => answer !== drain.pop));
    const moves = new Map<string, number>();
    let requests = 0;
    for (const tally of this.#prefixes.values()) {
      if (tally.pop !== drain.pop) continue;
      requests += tally.requests;
      const to = tally.asPath ? (matchPop(tally.asPath, remaining)?.answer ?? drain.self) : drain.self;
      moves.set(to, (moves.get(to) ?? 0) + tally.requests);
    }
    return {
      pop: drain.pop,
      requests,
      moves: [...moves].map(([to, n]) => ({ to, requests: n, share: share(n) })).sort((a, b) => b.requests - a.requests),
    };
  }
}
