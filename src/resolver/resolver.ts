import { TIMED_OUT, within } from '../core/within.js';
import { parseClientKey, type ClientAddress, type KeyRejection, type ParsedKey } from '../core/address.js';
import { type CachedValue, DecisionCache } from '../core/decision-cache.js';
import { hostPrefix, widestPrefixAround, type Prefix } from '../core/prefix.js';
import { RepeatMemo } from '../core/repeat-memo.js';
import { pathIncludes } from '../core/as-path.js';
import { firstServing, rankPops, type PopRanking, type RankedPop } from '../core/pop-ranking.js';
import { RANKED_SELF } from '../core/decided-table.js';
import type { PlanEntry, PlannedPrefixes } from '../core/planned-prefixes.js';
import { foldPlan, planOnAnswer } from './plan-overlay.js';
import type { Asn } from '../core/asn.js';
import type { DecidedPops, Route, RouteLookup } from '../core/route.js';
import { RouteServerError, type RouteServer } from '../route-servers/route-server.js';
import {
  matchDecidedPops,
  placeOnPath,
  type PopMatch,
  type PopTable,
  type PopUnavailable,
  type SkippedPop,
} from '../core/pop-selection.js';
import { ResolverStats } from './stats.js';
import { Widening } from './widening.js';
import { EXPLORE_DAY_MS, EXPLORED_BLOCK, draw, exploredBlock, nextInRanking } from './exploration.js';
import { errorMessage } from '../io/error-message.js';

export type DecisionReason =
  | 'peer' // a POP's AS is on the best path
  | 'no-peer' // best path found, no POP on it: self
  | 'no-route' // the route server has no route: self
  | 'plan' // a capacity plan in force sends this address's prefix to another POP
  | 'latency' // a latency override (latency_file): another POP measured faster for this prefix
  | 'explore' // one of the few clients answered from the ranking's next POP, so that it is measured too
  | 'invalid-key' // not an IP address
  | 'unavailable' // route server down or reconnecting: self, at once
  | 'timeout' // no answer within the deadline: self
  | 'error'; // unparseable reply: self

export interface Decision {
  readonly answer: string;
  readonly reason: DecisionReason;
  readonly address: ClientAddress | undefined;
  readonly keyRejection: KeyRejection | undefined;
  readonly route: Route | undefined;
  readonly match: PopMatch | undefined;
  /** POPs on the path passed over because they cannot take clients now, and why. */
  readonly skipped?: readonly SkippedPop[] | undefined;
  /** Every POP able to serve the route's prefix, nearest first, from all the paths the route server gave. */
  readonly ranking?: PopRanking | undefined;
  /** The capacity plan line covering the address, when one is in force. */
  readonly plan?: PlanEntry | undefined;
  readonly cache: 'hit' | 'miss';
  /** The cache entry that answered: the route's prefix, or the address alone. */
  readonly cachedPrefix: Prefix | undefined;
  /**
   * The widest prefix around the address for which this answer is known to hold (what DNS gives as
   * the ECS scope): the cached prefix less its more-specific routes, else the address alone.
   */
  readonly validFor: Prefix | undefined;
  readonly routeServer: string;
  readonly elapsedMs: number;
  readonly error: string | undefined;
}

/** A latency override is explored as BGP's choice is (the POP it replaced keeps being measured); a plan line's answer is not. */
function isExplorable(plan: PlanEntry | undefined, reason: DecisionReason): boolean {
  return (plan === undefined || plan.latency === true) && reason !== 'plan';
}

/** Whether the decision is the route server's own answer (a POP, self by the path, no route), not a fallback or a bad key. */
export function isRouteServerAnswer(decision: Decision): boolean {
  return (
    decision.reason === 'peer' ||
    decision.reason === 'no-peer' ||
    decision.reason === 'no-route' ||
    decision.reason === 'plan' ||
    decision.reason === 'latency' ||
    decision.reason === 'explore'
  );
}

export interface ResolverOptions {
  /** The POPs by AS number, and the answer for each. */
  readonly pops: PopTable;
  readonly self: string;
  /** Answer for keys that are not addresses: NULL for Apache's default, or self. */
  readonly invalidKeyAnswer: string;
  readonly cacheSize: number;
  readonly cacheTimeoutMs: number;
  /** Why a POP cannot take clients now (drained); such POPs are walked past. Call clearCache() when it changes. */
  readonly popUnavailable?: PopUnavailable;
  /** Lifetime of a "no route" answer (default the cache's): routes that come back are seen sooner. */
  readonly negativeCacheTimeoutMs?: number;
  /** Prefixes shorter than this are not cached whole: listing what lies inside them costs more. */
  readonly widenMinLength?: Readonly<Record<4 | 6, number>>;
  /** Prefix listings under way at once (default 4): each is a command on the route server's session. */
  readonly maxPrefixChecks?: number;
  readonly clock?: () => number;
  /** True while the route server's table may still be arriving: answers are given but not cached. */
  readonly holdCache?: () => boolean;
  /** A capacity plan in force: applied to every answer as it goes out, so changing it forgets nothing. */
  readonly plan?: PlannedPrefixes;
  /** This share of each prefix's clients (by /24 or /48 and day) is answered from the ranking's next POP (exploration.ts). */
  readonly explore?: number;
}

interface Outcome {
  readonly source: string;
  /** On the resolver's clock: answers learned while a POP was out may rest on routes it had withdrawn. */
  readonly learnedAt: number;
  readonly answer: string;
  readonly reason: 'peer' | 'no-peer' | 'no-route' | 'plan' | 'latency';
  readonly route: Route | undefined;
  readonly match: PopMatch | undefined;
  /** POPs on the path passed over (drained), nearest the origin first. */
  readonly skipped?: readonly SkippedPop[];
  readonly ranking?: PopRanking;
  /** The plan line this answer follows, when the plan in force was folded in as it was cached. */
  readonly plan?: PlanEntry;
  /** Set on answers cached with the plan in force folded in (the plan's lines inside are holes): nothing is left to apply. */
  readonly planned?: true;
  /** The answer as the routes gave it, before the plan was folded in. */
  readonly base?: Outcome;
  /** For an answer cached for a whole prefix: the more-specific routes inside it, not covered. */
  readonly holes?: readonly Prefix[];
}

/** A ranking stored as [AS, hops] pairs, as the POPs of this resolver answer (ASes it does not know left out). */
function rankingFrom(pairs: Uint32Array, pops: PopTable, self: string): PopRanking {
  const ranking: RankedPop[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const asn = pairs[i]!;
    if (asn === RANKED_SELF) ranking.push({ answer: self, asn: undefined, hops: pairs[i + 1]! });
    else {
      const answer = pops.get(asn);
      if (answer !== undefined) ranking.push({ answer, asn, hops: pairs[i + 1]! });
    }
  }
  return ranking;
}

/** A cache entry that says: a more-specific route lies here, ask the route server. */
const ASK: unique symbol = Symbol('ask');
type CacheValue = Outcome | typeof ASK;
/** IPv6 keys repeat (the same clients come back), and parsing their text costs more than the rest of a hit. */
const PARSED_KEY_MEMO_SIZE = 65_536;

/**
 * Client key → POP. Pure decision logic over an injected route server: cache first, then the
 * route server, bounded by an optional deadline; every failure becomes `self`, counted.
 */
export class Resolver {
  readonly stats = new ResolverStats();
  readonly #cache: DecisionCache<CacheValue>;
  readonly #inFlight = new Map<string, Promise<Outcome>>();
  readonly #widening: Widening<Outcome>;
  readonly #parsedKeys = new RepeatMemo<ClientAddress>({ maxSize: PARSED_KEY_MEMO_SIZE });
  readonly #clock: () => number;
  /** Lookups past their deadline and still unanswered: while any is, the route server counts as hung. */
  #stalled = 0;

  #options: ResolverOptions;
  /** For each set of POPs a table was decided for, whether it holds all of this resolver's. */
  #fits = new WeakMap<ReadonlySet<Asn>, boolean>();
  /** Rankings made for explored answers, per cached outcome: a prefix's explored clients share one. */
  #rankings = new WeakMap<Outcome, PopRanking | undefined>();
  /** Each POP answer's AS, for asking whether a planned POP can take clients. */
  #asnOfAnswer: Map<string, Asn> | undefined;
  /** Bumped whenever cached answers are forgotten: a prefix check begun before must not store an older answer. */
  #generation = 0;
  #day = 0;
  /** On the resolver's clock: when `#day` ends. */
  #dayEnds = Number.NEGATIVE_INFINITY;

  constructor(
    readonly routeServer: RouteServer,
    options: ResolverOptions,
  ) {
    this.#options = options;
    this.#clock = options.clock ?? (() => performance.now());
    this.#cache = new DecisionCache<CacheValue>(options.cacheSize, options.cacheTimeoutMs, this.#clock);
    this.#widening = new Widening<Outcome>(
      (prefix, prefixHasRoute) => routeServer.routesWithin(prefix, prefixHasRoute),
      {
        generation: () => this.#generation,
        markAsk: (prefix, ttlMs) => {
          if (this.#cache.peek(prefix) === undefined) this.#cache.store(prefix, ASK, ttlMs);
        },
        storeWide: (prefix, outcome, holes, ttlMs) => this.#store(prefix, holes.length > 0 ? { ...outcome, holes } : outcome, ttlMs),
        dropOwnEntry: (address, outcome) => {
          const host = hostPrefix(address);
          const own = this.#cache.peek(host);
          if (own !== undefined && own !== ASK && (own.base ?? own) === outcome) this.#cache.delete(host);
        },
      },
      () => ({ minLength: this.#options.widenMinLength, maxChecks: this.#options.maxPrefixChecks }),
    );
  }

  get options(): ResolverOptions {
    return this.#options;
  }

  get stalled(): boolean {
    return this.#stalled > 0;
  }

  /** Settles once the prefix checks under way have widened (or not) their answers. */
  async settled(): Promise<void> {
    await this.#widening.settled();
  }

  /** Forgets every cached answer, e.g. once the route server's table was replaced. */
  clearCache(): void {
    this.#generation++;
    this.#cache.clear();
  }

  /**
   * Forgets the cached answers a POP's change of state makes stale: those whose path holds it (naming
   * it, walking past it, or routed through its sessions), and, when it comes back after `outageMs`,
   * those learned meanwhile, which may rest on routes it had withdrawn. Others stay. Returns how many went.
   */
  forgetAnswersInvolving(asn: Asn, outageMs?: number): number {
    this.#generation++;
    const learnedSince = outageMs === undefined ? Number.POSITIVE_INFINITY : this.#clock() - outageMs;
    const answer = this.#options.pops.get(asn);
    // Answers cached with the plan folded in (a line's own, and the prefix around it whose holes they are) go together.
    const planNames = answer !== undefined && (this.#options.plan?.names(answer) ?? false);
    return this.#cache.deleteWhere(
      (value) =>
        value !== ASK &&
        (value.learnedAt >= learnedSince ||
          (value.route !== undefined && this.#popsOnPath(value.route, asn)) ||
          (planNames && value.planned === true)),
    );
  }

  /** Forgets the answers learned in the last `ms`: they may rest on a table that was still arriving. Returns how many went. */
  forgetLearnedWithin(ms: number): number {
    this.#generation++;
    const since = this.#clock() - ms;
    return this.#cache.deleteWhere((value) => value !== ASK && value.learnedAt >= since);
  }

  /** New POPs, self or fallback answers (the config changed): every cached answer is forgotten. */
  reconfigure(changes: Partial<Pick<ResolverOptions, 'pops' | 'self' | 'invalidKeyAnswer' | 'popUnavailable' | 'explore'>>): void {
    this.#options = { ...this.#options, ...changes };
    this.#fits = new WeakMap();
    this.#rankings = new WeakMap();
    this.#asnOfAnswer = undefined;
    this.clearCache();
  }

  /** A new capacity plan: cached answers, which have the previous one folded in, are forgotten. */
  setPlan(plan: PlannedPrefixes | undefined): void {
    this.#options = { ...this.#options, plan };
    this.clearCache();
  }

  /**
   * The decision for one key: synchronously when it is known now (bad key, cache hit, route server
   * known down), else a promise that always resolves, by the deadline if one is given.
   */
  decide(key: string, deadlineMs?: number): Decision | Promise<Decision> {
    const started = this.#clock();
    const quick = this.#quick(key, started);
    return 'answer' in quick ? quick : this.#ask(quick, started, deadlineMs);
  }

  /** The key as an address, from the same memo the lookups use; undefined for a bad key. */
  addressOf(key: string): ClientAddress | undefined {
    const parsed = this.#parseKey(key);
    return parsed.ok ? parsed.address : undefined;
  }

  /** The decision when it needs no route server (a bad key, a cache hit); undefined otherwise. */
  known(key: string): Decision | undefined {
    const started = this.#clock();
    const parsed = this.#parseKey(key);
    if (!parsed.ok) {
      const quick = this.#quick(key, started);
      return 'answer' in quick ? quick : undefined;
    }
    const hit = this.#fromCache(parsed.address, started);
    if (hit) this.stats.lookups++;
    return hit;
  }

  /** The prefix a cached answer for the key is stored under, if any; counts nothing (an explanation, not a lookup). */
  cachedPrefixOf(key: string): Prefix | undefined {
    const parsed = this.#parseKey(key);
    return parsed.ok ? this.#cachedOutcome(parsed.address)?.prefix : undefined;
  }

  resolve(key: string, deadlineMs?: number): Promise<Decision> {
    const decision = this.decide(key, deadlineMs);
    return decision instanceof Promise ? decision : Promise.resolve(decision);
  }

  #ask(address: ClientAddress, started: number, deadlineMs: number | undefined): Promise<Decision> {
    const query = this.#query(address);
    const failed = (e: unknown): Decision => {
      const reason = e instanceof RouteServerError && e.failure === 'protocol' ? 'error' : 'unavailable';
      return this.#fallback(address, reason, started, errorMessage(e));
    };
    if (deadlineMs === undefined) return query.then((outcome) => this.#finish(address, outcome, 'miss', undefined, started), failed);
    return within(query, deadlineMs).then((outcome) => {
      if (outcome !== TIMED_OUT) return this.#finish(address, outcome, 'miss', undefined, started);
      this.#stalled++;
      query.then(
        () => this.#stalled--,
        () => this.#stalled--,
      );
      return this.#fallback(
        address,
        'timeout',
        started,
        `no answer from ${this.routeServer.description} within ${deadlineMs} ms (option deadline)`,
      );
    }, failed);
  }

  #quick(key: string, started: number): Decision | ClientAddress {
    this.stats.lookups++;
    const parsed = this.#parseKey(key);
    if (!parsed.ok) {
      this.stats.invalidKeys++;
      return this.#record({
        answer: this.#options.invalidKeyAnswer,
        reason: 'invalid-key',
        address: undefined,
        keyRejection: parsed.reason,
        route: undefined,
        match: undefined,
        cache: 'miss',
        cachedPrefix: undefined,
        validFor: undefined,
        routeServer: this.routeServer.description,
        elapsedMs: this.#clock() - started,
        error: undefined,
      });
    }
    const address = parsed.address;
    const hit = this.#fromCache(address, started);
    if (hit) return hit;
    if (!this.routeServer.available || this.#stalled > 0) {
      const why =
        this.#stalled > 0
          ? `${this.routeServer.description} is not answering; retrying in the background`
          : `${this.routeServer.description} is down; reconnecting in the background`;
      return this.#fallback(address, 'unavailable', started, why);
    }
    return address;
  }

  /** The cached answer for an address; an entry that marks a more-specific route is no answer. */
  #fromCache(address: ClientAddress, started: number): Decision | undefined {
    const hit = this.#cachedOutcome(address, started);
    if (!hit) return undefined;
    this.stats.cacheHits++;
    // A hit takes well under a microsecond, the clock's own cost a tenth of it: the one reading serves throughout.
    return this.#finish(address, hit.value, 'hit', hit.prefix, started, started);
  }

  /** The cached outcome for an address and the prefix it is stored under; an entry that marks a more-specific route is none. */
  #cachedOutcome(address: ClientAddress, at?: number): CachedValue<Outcome> | undefined {
    const hit = this.#cache.lookup(address, at);
    return hit && hit.value !== ASK ? (hit as CachedValue<Outcome>) : undefined;
  }

  #parseKey(key: string): ParsedKey {
    // A dotted quad (or garbage) is read faster than a memo finds it; a memo of unique keys only churns.
    if (!key.includes(':')) return parseClientKey(key);
    const known = this.#parsedKeys.get(key);
    if (known) return { ok: true, address: known };
    const parsed = parseClientKey(key);
    if (parsed.ok && key.length <= 64) this.#parsedKeys.set(key, parsed.address);
    return parsed;
  }

  #query(address: ClientAddress): Promise<Outcome> {
    const pending = this.#inFlight.get(address.text);
    if (pending) return pending;
    this.stats.routeServerQueries++;
    const text = address.text;
    const sent = performance.now();
    const query = this.routeServer.lookup(address).then(
      (lookup) => {
        this.#inFlight.delete(text);
        this.stats.routeServerLatency.record(performance.now() - sent);
        return this.#learn(address, lookup);
      },
      (e: unknown) => {
        this.#inFlight.delete(text);
        this.stats.routeServerLatency.record(performance.now() - sent);
        throw e;
      },
    );
    this.#inFlight.set(text, query);
    return query;
  }

  /** Turns a route into an answer and caches it, for the whole prefix where that is known to be safe. */
  #learn(address: ClientAddress, lookup: RouteLookup): Outcome {
    const outcome = this.#outcomeOf(lookup);
    if (this.#options.holdCache?.()) return outcome;
    if (outcome.reason === 'no-route') {
      this.#store(hostPrefix(address), outcome, this.#ttlOf(outcome));
      if (this.#options.cacheSize > 0) this.#widening.unrouted(address, outcome, this.#ttlOf(outcome));
      return outcome;
    }
    const route = outcome.route!;
    if (route.exclusive === true) {
      this.#store(route.prefix, outcome, this.#options.cacheTimeoutMs);
    } else {
      this.#store(hostPrefix(address), outcome, this.#options.cacheTimeoutMs);
      if (route.exclusive === undefined && this.#options.cacheSize > 0)
        this.#widening.routed(address, route.prefix, outcome, this.#ttlOf(outcome));
    }
    return outcome;
  }

  #outcomeOf(lookup: RouteLookup): Outcome {
    if (lookup.kind === 'no-route') {
      return {
        source: lookup.source ?? this.routeServer.description,
        learnedAt: this.#clock(),
        answer: this.#options.self,
        reason: 'no-route',
        route: undefined,
        match: undefined,
      };
    }
    const { route } = lookup;
    const skipped: SkippedPop[] = [];
    const source = lookup.source ?? this.routeServer.description;
    const learnedAt = this.#clock();
    const { pops, self, popUnavailable } = this.#options;
    // A table decided at load answers from its POP lists (and its ranking, where other paths cross more
    // POPs), unless it holds the other paths themselves to rank.
    const decided = route.otherPaths === undefined && this.#decidedFits(route.decided) ? route.decided : undefined;
    const ranking = decided
      ? decided.ranked && rankingFrom(decided.ranked, pops, self)
      : rankPops(route.asPath, route.otherPaths ?? [], pops, self);
    let match: PopMatch | undefined;
    if (ranking) {
      const serving = firstServing(ranking, popUnavailable, skipped);
      if (serving?.asn !== undefined) {
        const place = placeOnPath(route.asPath, serving.asn);
        match = { asn: serving.asn, answer: serving.answer, segmentIndex: place?.segmentIndex ?? -1, asnIndex: place?.asnIndex ?? -1 };
      }
    } else match = matchDecidedPops(decided!.onPath, pops, popUnavailable, skipped);
    const extra = { ...(skipped.length > 0 ? { skipped } : {}), ...(ranking ? { ranking } : {}) };
    return match
      ? { source, learnedAt, answer: match.answer, reason: 'peer', route, match, ...extra }
      : { source, learnedAt, answer: self, reason: 'no-peer', route, match: undefined, ...extra };
  }

  /** Caches an outcome for a prefix with the plan in force folded in (plan-overlay.ts): a cached answer needs no plan work. */
  #store(prefix: Prefix, outcome: Outcome, ttlMs: number): void {
    for (const [block, value] of foldPlan(prefix, outcome, this.#options.plan, this.#canServe, Date.now))
      this.#cache.store(block, value, ttlMs);
  }

  /** Whether a table decided its routes for every POP this resolver knows: then its POP lists answer alone. */
  #decidedFits(decided: DecidedPops | undefined): boolean {
    if (!decided) return false;
    let fits = this.#fits.get(decided.among);
    if (fits === undefined) {
      fits = [...this.#options.pops.keys()].every((asn) => decided.among.has(asn));
      this.#fits.set(decided.among, fits);
    }
    return fits;
  }

  #popsOnPath(route: Route, asn: Asn): boolean {
    if (this.#decidedFits(route.decided)) return route.decided!.onPath.includes(asn);
    return pathIncludes(route.asPath, asn) || (route.otherPaths?.some((path) => pathIncludes(path, asn)) ?? false);
  }

  #ttlOf(outcome: Outcome): number {
    return outcome.reason === 'no-route'
      ? (this.#options.negativeCacheTimeoutMs ?? this.#options.cacheTimeoutMs)
      : this.#options.cacheTimeoutMs;
  }

  #finish(
    address: ClientAddress,
    outcome: Outcome,
    cache: 'hit' | 'miss',
    cachedPrefix: Prefix | undefined,
    started: number,
    now = this.#clock(),
  ): Decision {
    const explore = this.#options.explore ?? 0;
    const planned = this.#options.plan;
    let explorable = explore > 0 && isExplorable(outcome.plan, outcome.reason);
    // An explored client's block is an answer of its own: no wider answer may cover it (a DNS scope).
    // Where no plan line can change the answer, that is known at once, and one prefix is made, not two.
    const block = address.family === 4 ? EXPLORED_BLOCK[4] : EXPLORED_BLOCK[6];
    const narrowed = explorable && (outcome.planned === true || planned === undefined) ? block : 0;
    let validFor = cachedPrefix
      ? widestPrefixAround(address, cachedPrefix, outcome.holes ?? [], narrowed)
      : outcome.route?.exclusive === true
        ? outcome.route.prefix
        : hostPrefix(address);
    let answered = outcome.answer;
    let why: DecisionReason = outcome.reason;
    let plan = outcome.plan;
    const overlaid = planOnAnswer(address, outcome, validFor, planned, this.#canServe, Date.now);
    if (overlaid) {
      answered = overlaid.answer;
      why = overlaid.reason;
      plan = overlaid.plan;
      validFor = overlaid.validFor;
      explorable = explore > 0 && isExplorable(plan, why);
    }
    if (explorable) {
      if (validFor.length < block) validFor = exploredBlock(address);
      const explored = this.#explored(address, answered, outcome, explore, now);
      if (explored !== undefined) {
        answered = explored;
        why = 'explore';
      }
    }
    return this.#record({
      answer: answered,
      reason: why,
      address,
      keyRejection: undefined,
      route: outcome.route,
      match: outcome.match,
      skipped: outcome.skipped,
      ranking: outcome.ranking,
      plan,
      cache,
      cachedPrefix,
      validFor,
      routeServer: outcome.source,
      elapsedMs: now - started,
      error: undefined,
    });
  }

  /**
   * The POP a client is answered from instead of `answer` if it is one of the `share` explored today:
   * never one the plan relieves, which is over its watermark already.
   */
  #explored(address: ClientAddress, answer: string, outcome: Outcome, share: number, now: number): string | undefined {
    if (draw(address, now < this.#dayEnds ? this.#day : this.#exploreDay(now)) >= share) return undefined;
    const planned = this.#options.plan;
    if (planned === undefined) return nextInRanking(answer, this.#rankingOf(outcome), this.#canServe);
    const wallMs = Date.now();
    return nextInRanking(answer, this.#rankingOf(outcome), (pop) => this.#canServe(pop) && !planned.relieves(pop, wallMs));
  }

  /** The ranking an answer was chosen from: a table decided at load keeps none for most prefixes, so it is made then. */
  #rankingOf(outcome: Outcome): PopRanking | undefined {
    if (outcome.ranking) return outcome.ranking;
    if (this.#rankings.has(outcome)) return this.#rankings.get(outcome);
    const { route } = outcome;
    const ranking = route ? rankPops(route.asPath, route.otherPaths ?? [], this.#options.pops, this.#options.self) : undefined;
    this.#rankings.set(outcome, ranking);
    return ranking;
  }

  /** Today (UTC days since the epoch), read from the wall clock only when the resolver's clock passes midnight. */
  #exploreDay(now: number): number {
    if (now >= this.#dayEnds) {
      const wall = Date.now();
      this.#day = Math.floor(wall / EXPLORE_DAY_MS);
      this.#dayEnds = now + ((this.#day + 1) * EXPLORE_DAY_MS - wall);
    }
    return this.#day;
  }

  /** Whether a POP named by a plan can take clients now: self always, a peer unless something takes it out. */
  readonly #canServe = (answer: string): boolean => {
    if (answer === this.#options.self) return true;
    if (!this.#asnOfAnswer) this.#asnOfAnswer = new Map([...this.#options.pops].map(([asn, a]) => [a, asn]));
    const asn = this.#asnOfAnswer.get(answer);
    return asn !== undefined && this.#options.popUnavailable?.(asn, answer) === undefined;
  };

  #fallback(address: ClientAddress, reason: 'unavailable' | 'timeout' | 'error', started: number, error: string): Decision {
    this.stats.fallbacks++;
    return this.#record({
      answer: this.#options.self,
      reason,
      address,
      keyRejection: undefined,
      route: undefined,
      match: undefined,
      cache: 'miss',
      cachedPrefix: undefined,
      validFor: hostPrefix(address),
      routeServer: this.routeServer.description,
      elapsedMs: this.#clock() - started,
      error,
    });
  }

  #record(decision: Decision): Decision {
    this.stats.latency.record(decision.elapsedMs);
    this.stats.countAnswer(decision.reason, decision.answer);
    return decision;
  }
}
