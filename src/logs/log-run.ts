import { type ClientAddress, parseIpv4Value } from '../core/address.js';
import { RepeatMemo } from '../core/repeat-memo.js';
import { within } from '../core/within.js';
import { type Decision, isRouteServerAnswer, type Resolver } from '../resolver/resolver.js';
import { clientKeyOf, type ClientSelector } from './client-field.js';
import { sleep } from '../io/sleep.js';

/** What a log line gets: the route server's real answer, no address to ask about, or a failure. */
export type LineOutcome =
  | { readonly kind: 'answer'; readonly key: string; readonly decision: Decision }
  | { readonly kind: 'no-address'; readonly key: string | undefined }
  | { readonly kind: 'failed'; readonly key: string; readonly decision: Decision };

export interface LogRunOptions {
  readonly selector: ClientSelector;
  /** Lookups waiting on the route server at once. */
  readonly maxInFlight: number;
  /** How long a line may wait for a route server that is down or a table that is loading. */
  readonly retryForMs: number;
  /** Told, at most once a second, that lines are waiting on the route server, and why. */
  readonly onWaiting?: (waiting: number, why: string) => void;
  /** Told once per outage that the route server has been out of reach for `retryForMs`: lines fail at once now. */
  readonly onGivingUp?: (retryForMs: number, why: string) => void;
  /** Told once the route server answers again after an outage that was told (waiting or giving up). */
  readonly onAnsweringAgain?: (outageMs: number) => void;
}

/** Lines read ahead of the line being waited for, before input pauses. */
const MAX_QUEUED_LINES = 50_000;
const MEMO_SIZE = 65_536;
/**
 * Outcomes remembered for clients that come back. Kept small on purpose: a client's requests come
 * together (a page and what it loads), and a large memo's outcomes outlive the young generation, so
 * that collecting them costs more than answering again (measured: 4,096 beats 65,536 on every log mix).
 */
const OUTCOME_MEMO_SIZE = 4096;
/** Shared by every line without an address: outcomes are never changed once made. */
const NO_ADDRESS: LineOutcome = { kind: 'no-address', key: undefined };

interface Entry {
  readonly line: string;
  readonly key: string | undefined;
  outcome: LineOutcome | undefined;
}

/** Lookups of one /24 (IPv4) or /48 (IPv6) wait for each other: the first answer may serve the rest. */
function neighbourhoodOf(address: ClientAddress | undefined, key: string): string {
  if (!address) return key;
  return address.family === 4 ? `4:${address.value >>> 8}` : `6:${address.value >> 80n}`;
}

/**
 * Log mode's exact answers, in input order: every line gets the route server's real answer, or is
 * marked failed after `retryForMs` of waiting, never a substitute. Known answers (memo, cache) go out
 * at once; misses are asked concurrently, bounded, one per neighbourhood at a time so that an answer
 * cached for a whole prefix serves the lines behind it; lines after a miss wait for it.
 */
export class LogRun {
  readonly #queue: Entry[] = [];
  #head = 0;
  #inFlight = 0;
  /** Unknown lines in input order, not yet asked about. */
  readonly #ready: Entry[] = [];
  #readyHead = 0;
  /** Neighbourhoods with a lookup under way, and the lines held behind it, by key. */
  readonly #held = new Map<string, Map<string, Entry[]>>();
  /** Neighbourhoods whose answers are cached per address (a short prefix, no route): asked freely. */
  readonly #perAddress = new Set<string>();
  #lastWaitReport = Number.NEGATIVE_INFINITY;
  /** Reports of one outage come further apart each time (1 s, 2 s, 4 s … 30 s): a long one is not a line a second. */
  #waitReportGapMs = 1000;
  /** When the route server first failed to answer, since its last answer. */
  #unreachableSince: number | undefined;
  #gaveUpSince: number | undefined;
  /** A waiting or giving-up line went out for the outage under way: its end is told too. */
  #outageTold = false;
  #drained: (() => void) | undefined;
  #resume: (() => void) | undefined;
  /** Clients come back: their outcome is remembered, while that pays (repeat-memo.ts). */
  readonly #memo = new RepeatMemo<LineOutcome>({ maxSize: OUTCOME_MEMO_SIZE });

  constructor(
    private readonly resolver: Resolver,
    private readonly options: LogRunOptions,
    private readonly emit: (line: string, outcome: LineOutcome) => void,
  ) {}

  /** Takes lines; resolves when more may be pushed (the look-ahead is bounded). */
  async push(lines: readonly string[]): Promise<void> {
    for (const line of lines) {
      const key = clientKeyOf(line, this.options.selector);
      const outcome = this.#known(key);
      if (outcome && this.#head === this.#queue.length) {
        this.emit(line, outcome);
        continue;
      }
      const entry: Entry = { line, key, outcome };
      this.#queue.push(entry);
      if (!outcome) {
        this.#ready.push(entry);
        if (this.#inFlight < this.options.maxInFlight) this.#pump();
      }
      if (this.#queue.length - this.#head >= MAX_QUEUED_LINES)
        await new Promise<void>((resolve) => {
          this.#resume = resolve;
        });
    }
  }

  /** Resolves once every line pushed has been emitted. */
  finish(): Promise<void> {
    if (this.#head === this.#queue.length) return Promise.resolve();
    return new Promise((resolve) => {
      this.#drained = resolve;
    });
  }

  #known(key: string | undefined): LineOutcome | undefined {
    if (key === undefined) return NO_ADDRESS;
    // A dotted quad is found by its address: no string to hash.
    const v4 = parseIpv4Value(key);
    const memo = v4 !== undefined ? this.#memo.getNumber(v4) : this.#memo.get(key);
    if (memo) return memo;
    const decision = this.resolver.known(key);
    return decision && this.#outcomeOf(key, decision);
  }

  /** A line's outcome from its decision; a real answer is remembered for the clients that come back. */
  #outcomeOf(key: string, decision: Decision): LineOutcome {
    if (decision.reason === 'invalid-key') return { kind: 'no-address', key };
    if (!isRouteServerAnswer(decision)) return { kind: 'failed', key, decision };
    const answer: LineOutcome = { kind: 'answer', key, decision };
    const address = decision.address;
    if (address?.family === 4 && address.text === key) this.#memo.setNumber(address.value, answer);
    else this.#memo.set(key, answer);
    return answer;
  }

  /** Asks about ready lines, in order, while there is room; a line whose neighbourhood is busy waits behind it. */
  #pump(): void {
    while (this.#inFlight < this.options.maxInFlight && this.#readyHead < this.#ready.length) {
      const entry = this.#ready[this.#readyHead++]!;
      if (entry.outcome) continue;
      const known = this.#known(entry.key);
      if (known) {
        entry.outcome = known;
        continue;
      }
      const key = entry.key!;
      const neighbourhood = neighbourhoodOf(this.resolver.addressOf(key), key);
      if (this.#perAddress.has(neighbourhood)) {
        this.#inFlight++;
        void this.#ask(entry, undefined);
        continue;
      }
      const held = this.#held.get(neighbourhood);
      if (held) {
        const same = held.get(key);
        if (same) same.push(entry);
        else held.set(key, [entry]);
        continue;
      }
      this.#held.set(neighbourhood, new Map());
      this.#inFlight++;
      void this.#ask(entry, neighbourhood);
    }
    if (this.#readyHead === this.#ready.length) {
      this.#ready.length = 0;
      this.#readyHead = 0;
    }
    this.#flush();
  }

  async #ask(entry: Entry, neighbourhood: string | undefined): Promise<void> {
    const key = entry.key!;
    let delayMs = 50;
    let decision: Decision;
    for (;;) {
      decision = await this.resolver.resolve(key);
      if (isRouteServerAnswer(decision) || decision.reason === 'invalid-key') {
        if (isRouteServerAnswer(decision)) this.#reportAnsweringAgain();
        break;
      }
      // One budget for the run, not per line: once the route server has been out of reach for
      // retry_for, the lines that need it fail at once until it answers again.
      const now = performance.now();
      this.#unreachableSince ??= now;
      const left = this.#unreachableSince + this.options.retryForMs - now;
      if (left <= 0) {
        this.#reportGivingUp(decision);
        break;
      }
      this.#reportWaiting(decision);
      await sleep(Math.min(delayMs, left));
      delayMs = Math.min(delayMs * 2, 1000);
    }
    if (neighbourhood !== undefined && isRouteServerAnswer(decision)) {
      // The answer (a route, or no route) may be widened to a whole prefix once the route server
      // lists what lies inside it: worth the wait.
      await within(this.resolver.settled(), 1000);
      const cached = this.resolver.cachedPrefixOf(key);
      const host = decision.address?.family === 6 ? 128 : 32;
      if (!cached || cached.length >= host) {
        if (this.#perAddress.size >= MEMO_SIZE) this.#perAddress.clear();
        this.#perAddress.add(neighbourhood);
      }
    }
    this.#inFlight--;
    entry.outcome = this.#outcomeOf(key, decision);
    if (neighbourhood !== undefined) this.#release(neighbourhood, entry.outcome);
    this.#pump();
  }

  /** The lines held behind a finished lookup: answered now if it served them, else asked about next. */
  #release(neighbourhood: string, outcome: LineOutcome): void {
    const held = this.#held.get(neighbourhood);
    this.#held.delete(neighbourhood);
    if (!held) return;
    const again: Entry[] = [];
    for (const [key, entries] of held) {
      const known = outcome.kind === 'failed' && outcome.key === key ? outcome : this.#known(key);
      if (known) for (const e of entries) e.outcome = known;
      else again.push(...entries);
    }
    if (again.length === 0) return;
    // Still unknown (another prefix of the neighbourhood): asked before the lines read since.
    this.#ready.splice(this.#readyHead, 0, ...again);
  }

  #reportAnsweringAgain(): void {
    const since = this.#unreachableSince;
    this.#unreachableSince = undefined;
    this.#waitReportGapMs = 1000;
    if (since === undefined || !this.#outageTold) return;
    this.#outageTold = false;
    this.options.onAnsweringAgain?.(performance.now() - since);
  }

  #reportGivingUp(decision: Decision): void {
    if (this.#gaveUpSince === this.#unreachableSince) return;
    this.#gaveUpSince = this.#unreachableSince;
    this.#outageTold = true;
    this.options.onGivingUp?.(this.options.retryForMs, decision.error ?? decision.reason);
  }

  #reportWaiting(decision: Decision): void {
    const now = performance.now();
    if (now - this.#lastWaitReport < this.#waitReportGapMs) return;
    if (this.#lastWaitReport !== Number.NEGATIVE_INFINITY) this.#waitReportGapMs = Math.min(this.#waitReportGapMs * 2, 30_000);
    this.#lastWaitReport = now;
    this.#outageTold = true;
    this.options.onWaiting?.(this.#inFlight, decision.error ?? decision.reason);
  }

  #flush(): void {
    const queue = this.#queue;
    while (this.#head < queue.length && queue[this.#head]!.outcome) {
      const entry = queue[this.#head++]!;
      this.emit(entry.line, entry.outcome!);
    }
    if (this.#head === queue.length) {
      queue.length = 0;
      this.#head = 0;
      this.#drained?.();
      this.#drained = undefined;
    }
    if (this.#resume && queue.length - this.#head < MAX_QUEUED_LINES) {
      const resume = this.#resume;
      this.#resume = undefined;
      resume();
    }
  }
}
