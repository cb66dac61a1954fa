import type { PopRanking } from '../core/pop-ranking.js';
import { prefixCovers, type Prefix, truncatePrefix } from '../core/prefix.js';
import { type DemandLeaf, halves, leavesWithin, prefixKey, splittable } from './demand-item.js';
import { type AssignmentUnit, bestAssignment } from './exact-assignment.js';

/** What one deciding prefix asks of the POPs: its demand at the peak, where it may go, and how that demand divides. */
export interface PrefixDemand {
  readonly prefix: Prefix;
  readonly ranking: PopRanking;
  readonly demand: number;
  /** Demand per /24 or /48 inside the prefix; none or one: the prefix moves whole. */
  readonly leaves: readonly DemandLeaf[];
}

export interface PlanInput {
  readonly prefixes: readonly PrefixDemand[];
  /** Each POP's capacity (by its answer), in the demand's unit; a POP without one is not limited. */
  readonly capacity: ReadonlyMap<string, number>;
  /** POPs that cannot take clients (down, drained): nothing is moved to them, and their clients start at the next POP. */
  readonly out?: ReadonlySet<string>;
  /** A POP is kept at or below this share of its capacity (default 0.9). */
  readonly highWatermark?: number;
  /** A prefix the previous plan moved goes back only if its POP stays at or below this share (default 0.75). */
  readonly lowWatermark?: number;
  /** The plan in force, as prefix → POP: its moves are kept unless undoing them fits below the low watermark. */
  readonly previous?: ReadonlyArray<{ readonly prefix: Prefix; readonly pop: string }>;
}

export type MoveReason = 'over-capacity' | 'kept';

/** Demand of `prefix` (a deciding prefix or a part of one) sent to `to` instead of `from`, its nearest serving POP. */
export interface PlannedMove {
  readonly prefix: Prefix;
  readonly decidingPrefix: Prefix;
  readonly demand: number;
  readonly from: string;
  readonly to: string;
  readonly extraHops: number;
  /** `kept`: the previous plan made this move and undoing it would not fit below the low watermark. */
  readonly why: MoveReason;
}

export interface PopLoad {
  readonly pop: string;
  readonly capacity: number | undefined;
  readonly before: number;
  readonly after: number;
  readonly out: boolean;
}

export interface Plan {
  readonly pops: readonly PopLoad[];
  readonly moves: readonly PlannedMove[];
  readonly totalDemand: number;
  /** Σ capacity × high watermark over the POPs that can take clients, when every one of them has a capacity. */
  readonly totalLimit: number | undefined;
  /** The share of capacity each POP is held to: the high watermark, or more when demand exceeds it everywhere. */
  readonly watermark: number;
  /** Demand above its POP's limit that no move could place (no alternate reaches a POP with room). */
  readonly unplaced: number;
  /** Σ demand × extra AS hops over the moves. */
  readonly cost: number;
}

const EPSILON = 1e-9;
/** Plans with at most this many blocks free to move are searched whole for the best assignment. */
const MAX_SEARCHED_BLOCKS = 64;
/** Steps of that search: about 30 ms at most. */
const SEARCH_STEPS = 200_000;
/** Longer detours than this all cost the same: no AS path is that long. */
const MAX_EXTRA_HOPS = 1000;

/**
 * Part ids that can go from one POP to another at one marginal cost. Once sorted (largest demand
 * first) new ids are inserted in place; ids of parts gone elsewhere are skipped, and `head` passes the
 * ones at the front for good.
 */
class Bucket {
  ids: number[] = [];
  head = 0;
  sorted = false;

  add(id: number, demandOf: (id: number) => number): void {
    if (!this.sorted) {
      this.ids.push(id);
      return;
    }
    const demand = demandOf(id);
    let lo = this.head;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (demandOf(this.ids[mid]!) >= demand) lo = mid + 1;
      else hi = mid;
    }
    this.ids.splice(lo, 0, id);
  }

  /** Whether a live id remains, the front's dead ones passed for good. */
  firstLive(live: (id: number) => boolean): boolean {
    while (this.head < this.ids.length && !live(this.ids[this.head]!)) this.head++;
    return this.head < this.ids.length;
  }

  /** Keeps the live ids only, largest demand first. */
  sort(live: (id: number) => boolean, demandOf: (id: number) => number): void {
    this.ids = this.ids.slice(this.head).filter(live);
    this.ids.sort((a, b) => demandOf(b) - demandOf(a));
    this.head = 0;
    this.sorted = true;
  }

  /** The first index at or after `head` whose demand is at most `demand`. */
  firstAtMost(demand: number, demandOf: (id: number) => number): number {
    let lo = this.head;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (demandOf(this.ids[mid]!) > demand) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * The parts of deciding prefixes and where their demand goes, as columns: a deciding prefix is part
 * `s` (its source index) until it is split; split parts follow, with their own prefix and leaves.
 */
class Parts {
  at: Int32Array;
  source: Int32Array;
  demand: Float64Array;
  /** 1 while the part is whole (not split), 2 once kept from the previous plan as well. */
  state: Uint8Array;
  /** Split parts' own prefixes and leaves, from part `wholes.length` on. */
  readonly #splitPrefixes: Prefix[] = [];
  readonly #splitLeaves: (readonly DemandLeaf[])[] = [];
  length = 0;

  /** Part `s` below `wholes.length` is deciding prefix `s` whole: its prefix and leaves are read from it, not copied. */
  constructor(
    capacity: number,
    private readonly wholes: readonly PrefixDemand[],
  ) {
    // Sized once: a million parts pushed one by one cost a copy at every doubling.
    this.at = new Int32Array(capacity);
    this.source = new Int32Array(capacity);
    this.demand = new Float64Array(capacity);
    this.state = new Uint8Array(capacity);
  }

  add(source: number, at: number, demand: number, prefix: Prefix, leaves: readonly DemandLeaf[], kept: boolean): number {
    if (this.length === this.at.length) this.#grow();
    const id = this.length++;
    this.at[id] = at;
    this.source[id] = source;
    this.demand[id] = demand;
    this.state[id] = kept ? KEPT | ALIVE : ALIVE;
    if (id >= this.wholes.length) {
      this.#splitPrefixes[id - this.wholes.length] = prefix;
      this.#splitLeaves[id - this.wholes.length] = leaves;
    }
    return id;
  }

  prefix(id: number): Prefix {
    return id < this.wholes.length ? this.wholes[id]!.prefix : this.#splitPrefixes[id - this.wholes.length]!;
  }

  leaves(id: number): readonly DemandLeaf[] {
    return id < this.wholes.length ? this.wholes[id]!.leaves : this.#splitLeaves[id - this.wholes.length]!;
  }

  alive(id: number): boolean {
    return (this.state[id]! & ALIVE) !== 0;
  }

  kept(id: number): boolean {
    return (this.state[id]! & KEPT) !== 0;
  }

  setKept(id: number, kept: boolean): void {
    this.state[id] = kept ? this.state[id]! | KEPT : this.state[id]! & ~KEPT;
  }

  #grow(): void {
    const size = Math.max(16, this.at.length * 2);
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.at = grow(this.at, (n) => new Int32Array(n));
    this.source = grow(this.source, (n) => new Int32Array(n));
    this.demand = grow(this.demand, (n) => new Float64Array(n));
    this.state = grow(this.state, (n) => new Uint8Array(n));
  }
}

const ALIVE = 1;
const KEPT = 2;

/** One pair of POPs' parts by marginal cost plus the planner's `#offset` (costs are small whole numbers of hops). */
type Arcs = Array<Bucket | undefined>;

/**
 * Sends each POP no more than its capacity at the high watermark, moving the demand that costs the
 * fewest extra AS hops: a min-cost flow between POPs (successive shortest paths over the cheapest
 * prefix each POP can hand to each other), whose units are prefixes, split in halves down to /24 or /48
 * when one is larger than what must move. Pure.
 */
export function planCapacity(input: PlanInput): Plan {
  return new Planner(input).run();
}

class Planner {
  readonly #names: string[] = [];
  readonly #index = new Map<string, number>();
  /** The deciding prefixes with demand that some POP can serve, by source index. */
  readonly #sources: PrefixDemand[] = [];
  /** Each source's nearest POP that can take clients. */
  #home: Int32Array = new Int32Array(0);
  /** Where each source's reachable POPs begin in `#reachPop` and `#reachCost` (source + 1: where they end). */
  #reachStart: Int32Array = new Int32Array(1);
  /** The POPs each source can reach, nearest first (its home first). */
  #reachPop: Int16Array = new Int16Array(0);
  /** Beside each: the extra hops to that POP from the source's home. */
  #reachCost: Int16Array = new Int16Array(0);
  #parts: Parts = new Parts(0, []);
  /** Each deciding prefix's source index, by its text: built when a previous plan is seeded. */
  #sourceOf: Map<string, number> | undefined;
  /** The parts split from each deciding prefix, dead ones included: built when a previous plan is seeded. */
  #partsOf: number[][] | undefined;
  readonly #demandOf = (id: number): number => this.#parts.demand[id]!;
  #load: Float64Array = new Float64Array(0);
  #limit: Float64Array = new Float64Array(0);
  #serving: boolean[] = [];
  /** Per pair of POPs (from × n + to), built when a move first leaves `from`: the parts at `from` by marginal cost. */
  #arcs: Array<Arcs | undefined> = [];
  /** Per POP: 1 once its pairs are built. */
  #built: Uint8Array = new Uint8Array(0);
  /**
   * Per pair not built yet: the lowest marginal cost of any part that has been at `from`, a floor that
   * may be stale once parts leave; a pair is built, and so exact, before anything moves along it.
   */
  #floor: Float64Array = new Float64Array(0);
  /** Per POP: every part that has been there (some since gone), for building its pairs. */
  #arrivals: number[][] = [];
  /** The largest extra hops any prefix has to any POP: marginal costs lie within ± it. */
  #offset = 0;
  #watermark = 0.9;
  readonly #low: number;
  #before: Float64Array = new Float64Array(0);
  /** Every prefix's ranking entries in turn, as POP indices. */
  readonly #rankedPop: Int16Array;

  constructor(private readonly input: PlanInput) {
    this.#watermark = input.highWatermark ?? 0.9;
    this.#low = input.lowWatermark ?? 0.75;
    for (const pop of input.capacity.keys()) this.#pop(pop);
    // Each ranking entry's POP by index, in one pass: the plan reads numbers, not names, from here on.
    let entries = 0;
    for (const p of input.prefixes) entries += p.ranking.length;
    this.#rankedPop = new Int16Array(entries);
    let k = 0;
    for (const p of input.prefixes) for (const entry of p.ranking) this.#rankedPop[k++] = this.#pop(entry.answer);
    for (const pop of input.out ?? []) this.#pop(pop);
  }

  #pop(name: string): number {
    let i = this.#index.get(name);
    if (i === undefined) {
      i = this.#names.length;
      this.#names.push(name);
      this.#index.set(name, i);
    }
    return i;
  }

  run(): Plan {
    const n = this.#names.length;
    const out = this.input.out ?? new Set<string>();
    const serving = this.#names.map((name) => !out.has(name));
    this.#serving = serving;
    const load = new Float64Array(n);
    this.#load = load;
    this.#arcs = new Array(n * n).fill(undefined);
    this.#built = new Uint8Array(n);
    const floor = new Float64Array(n * n).fill(Number.POSITIVE_INFINITY);
    this.#floor = floor;
    const arrivals: number[][] = Array.from({ length: n }, () => []);
    this.#arrivals = arrivals;
    const count = this.input.prefixes.length;
    // Only the POPs each prefix reaches are kept (two to four of them, often), not a row of every POP.
    const rankedPop = this.#rankedPop;
    const entries = rankedPop.length;
    const reachStart = new Int32Array(count + 1);
    this.#reachStart = reachStart;
    const reachPop = new Int16Array(entries);
    this.#reachPop = reachPop;
    const reachCost = new Int16Array(entries);
    this.#reachCost = reachCost;
    const homes = new Int32Array(count);
    this.#home = homes;
    let end = 0;
    const sources = this.#sources;
    const parts = new Parts(count + 1024, sources);
    this.#parts = parts;
    let ranked = 0;
    let totalDemand = 0;
    let offset = 0;
    for (let p = 0; p < count; p++) {
      const demand = this.input.prefixes[p]!;
      const first = ranked;
      ranked += demand.ranking.length;
      if (!(demand.demand > 0)) continue;
      const source = sources.length;
      const begin = end;
      const ranking = demand.ranking;
      let home = -1;
      let homeHops = 0;
      for (let k = 0; k < ranking.length; k++) {
        const entry = ranking[k]!;
        const i = rankedPop[first + k]!;
        if (!serving[i]) continue;
        let seen = false;
        for (let j = begin; j < end && !seen; j++) seen = reachPop[j] === i;
        if (seen) continue;
        if (home < 0) {
          home = i;
          homeHops = entry.hops;
        }
        const extra = Math.min(MAX_EXTRA_HOPS, Math.max(0, Math.round(entry.hops - homeHops)));
        reachPop[end] = i;
        reachCost[end++] = extra;
        if (extra > offset) offset = extra;
        const pair = home * n + i;
        if (i !== home && extra < floor[pair]!) floor[pair] = extra;
      }
      if (home < 0) {
        end = begin;
        continue;
      }
      reachStart[source + 1] = end;
      sources.push(demand);
      homes[source] = home;
      // Whole deciding prefixes are the first parts: part `source` is source `source`.
      parts.add(source, home, demand.demand, demand.prefix, demand.leaves, false);
      load[home]! += demand.demand;
      totalDemand += demand.demand;
    }
    // Each POP's first arrivals are its own prefixes, in order: sized once, not grown a push at a time.
    const atHome = new Int32Array(n);
    for (let source = 0; source < sources.length; source++) atHome[homes[source]!]!++;
    for (let pop = 0; pop < n; pop++) arrivals[pop] = new Array<number>(atHome[pop]!);
    atHome.fill(0);
    for (let source = 0; source < sources.length; source++) {
      const home = homes[source]!;
      arrivals[home]![atHome[home]!++] = source;
    }
    this.#offset = offset;
    this.#before = Float64Array.from(load);
    const totalLimit = this.#limits(totalDemand);
    if (this.input.previous) this.#keepPrevious();
    this.#resolveOverloads();
    this.#returnUnneeded();
    this.#searchSmall();
    return this.#result(totalDemand, totalLimit);
  }

  /** Limits at the high watermark; when demand exceeds them all, every POP is held to the same higher share. */
  #limits(totalDemand: number): number | undefined {
    const n = this.#names.length;
    this.#limit = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    let capacity = 0;
    let unlimited = false;
    for (let i = 0; i < n; i++) {
      if (!this.#serving[i]) {
        this.#limit[i] = 0;
        continue;
      }
      const c = this.input.capacity.get(this.#names[i]!);
      if (c === undefined) unlimited = true;
      else capacity += c;
    }
    if (!unlimited && capacity > 0 && totalDemand > capacity * this.#watermark) this.#watermark = totalDemand / capacity;
    for (let i = 0; i < n; i++) {
      const c = this.input.capacity.get(this.#names[i]!);
      if (this.#serving[i] && c !== undefined) this.#limit[i] = c * this.#watermark;
    }
    return unlimited ? undefined : capacity * this.#watermark;
  }

  /** Seeds the previous plan's moves, then undoes those whose POP has room below the low watermark. */
  #keepPrevious(): void {
    const parts = this.#parts;
    for (const { prefix, pop } of this.input.previous ?? []) {
      const to = this.#index.get(pop);
      if (to === undefined || !this.#serving[to]) continue;
      const id = this.#aliveCovering(prefix);
      if (id === undefined || this.#costTo(parts.source[id]!, to) < 0) continue;
      const carved = this.#carve(id, prefix);
      if (parts.at[carved] !== to) this.#move(carved, to);
      parts.setKept(carved, true);
    }
    const visitors: number[] = [];
    for (let id = 0; id < parts.length; id++) if (parts.alive(id) && parts.at[id] !== this.#home[parts.source[id]!]) visitors.push(id);
    visitors.sort((a, b) => this.#costAt(b) - this.#costAt(a) || parts.demand[b]! - parts.demand[a]!);
    for (const id of visitors) {
      const home = this.#home[parts.source[id]!]!;
      const capacity = this.input.capacity.get(this.#names[home]!);
      if (capacity === undefined || this.#load[home]! + parts.demand[id]! <= capacity * this.#low + EPSILON) {
        parts.setKept(id, false);
        this.#move(id, home);
      }
    }
  }

  /** The live part of a deciding prefix that holds `prefix`, if some deciding prefix does. */
  #aliveCovering(prefix: Prefix): number | undefined {
    const parts = this.#parts;
    this.#sourceOf ??= new Map(this.#sources.map((s, i) => [prefixKey(s.prefix), i]));
    for (let length = prefix.length; length >= 0; length--) {
      const source = this.#sourceOf.get(prefixKey(truncatePrefix(prefix, length)));
      if (source === undefined) continue;
      if (!this.#partsOf) {
        const bySource: number[][] = this.#sources.map(() => []);
        for (let id = 0; id < parts.length; id++) bySource[parts.source[id]!]!.push(id);
        this.#partsOf = bySource;
      }
      return this.#partsOf[source]!.find((id) => parts.alive(id) && prefixCovers(parts.prefix(id), prefix));
    }
    return undefined;
  }

  #costAt(id: number): number {
    return this.#costTo(this.#parts.source[id]!, this.#parts.at[id]!);
  }

  /** Extra hops from the source's home to `pop`; -1 where it cannot go. */
  #costTo(source: number, pop: number): number {
    for (let k = this.#reachStart[source]!, end = this.#reachStart[source + 1]!; k < end; k++)
      if (this.#reachPop[k] === pop) return this.#reachCost[k]!;
    return -1;
  }

  /** The part of `id` that is exactly `part`, its siblings split off at the same POP. */
  #carve(id: number, part: Prefix): number {
    let current = id;
    while (this.#parts.prefix(current).length < part.length) {
      const pair = halves(this.#parts.prefix(current));
      if (!pair) break;
      const [inner, outer] = prefixCovers(pair[0], part) ? pair : [pair[1], pair[0]];
      current = this.#split(current, [inner, outer])[0]!;
    }
    return current;
  }

  /** Replaces a part by its halves (each at the same POP); returns them in the order given. */
  #split(id: number, halvesOf: readonly Prefix[]): number[] {
    const parts = this.#parts;
    parts.state[id] = parts.state[id]! & ~ALIVE;
    const made: number[] = [];
    for (const prefix of halvesOf) {
      const { leaves, demand } = leavesWithin(prefix, parts.leaves(id));
      const child = parts.add(parts.source[id]!, parts.at[id]!, demand, prefix, leaves, parts.kept(id));
      this.#partsOf?.[parts.source[id]!]?.push(child);
      this.#file(child);
      made.push(child);
    }
    return made;
  }

  #move(id: number, to: number): void {
    const parts = this.#parts;
    this.#load[parts.at[id]!]! -= parts.demand[id]!;
    this.#load[to]! += parts.demand[id]!;
    parts.at[id] = to;
    this.#file(id);
  }

  /** Files a part where it now is: in each built pair from its POP, and under each unbuilt pair's floor. */
  #file(id: number): void {
    const parts = this.#parts;
    if (parts.demand[id]! <= 0) return;
    const at = parts.at[id]!;
    this.#arrivals[at]!.push(id);
    const n = this.#names.length;
    const source = parts.source[id]!;
    for (let k = this.#reachStart[source]!, end = this.#reachStart[source + 1]!; k < end; k++) {
      const to = this.#reachPop[k]!;
      const marginal = this.#marginal(id, to);
      if (marginal === undefined) continue;
      const pair = at * n + to;
      const arcs = this.#arcs[pair];
      if (arcs) this.#fileIn(arcs, id, marginal);
      else if (marginal < this.#floor[pair]!) this.#floor[pair] = marginal;
    }
  }

  /** What moving the part on to `to` costs beyond where it is; undefined where it may not go. */
  #marginal(id: number, to: number): number | undefined {
    const parts = this.#parts;
    const source = parts.source[id]!;
    const at = parts.at[id]!;
    if (to === at || !this.#serving[to]) return undefined;
    const there = this.#costTo(source, to);
    if (there < 0) return undefined;
    // A kept move goes home only below the low watermark (#keepPrevious), or it would flap.
    if (to === this.#home[source] && parts.kept(id)) return undefined;
    return there - this.#costTo(source, at);
  }

  #fileIn(arcs: Arcs, id: number, marginal: number): void {
    const slot = marginal + this.#offset;
    let bucket = arcs[slot];
    if (!bucket) {
      bucket = new Bucket();
      arcs[slot] = bucket;
    }
    bucket.add(id, this.#demandOf);
  }

  /**
   * The pair's parts by marginal cost. The first time any pair from `from` is asked for, all of them are
   * built in one pass over every part that has been at `from`.
   */
  #arcsOf(from: number, to: number): Arcs {
    const n = this.#names.length;
    if (!this.#built[from]) {
      this.#built[from] = 1;
      const slots = 2 * this.#offset + 1;
      for (let t = 0; t < n; t++) this.#arcs[from * n + t] = new Array(slots).fill(undefined);
      const parts = this.#parts;
      // A part that came back is listed twice: its second entry in a bucket is passed over like a spent one.
      for (const id of this.#arrivals[from]!) {
        if (!parts.alive(id) || parts.at[id] !== from || parts.demand[id]! <= 0) continue;
        const source = parts.source[id]!;
        for (let k = this.#reachStart[source]!, end = this.#reachStart[source + 1]!; k < end; k++) {
          const target = this.#reachPop[k]!;
          const marginal = this.#marginal(id, target);
          if (marginal !== undefined) this.#fileIn(this.#arcs[from * n + target]!, id, marginal);
        }
      }
    }
    return this.#arcs[from * n + to]!;
  }

  /** The cheapest marginal cost of moving something from `from` to `to`, dropping spent buckets; undefined when nothing can. */
  #cheapest(from: number, to: number): number | undefined {
    const pair = from * this.#names.length + to;
    const byCost = this.#arcs[pair];
    if (!byCost) {
      const floor = this.#floor[pair]!;
      return floor === Number.POSITIVE_INFINITY ? undefined : floor;
    }
    const live = this.#liveAt(from);
    for (let slot = 0; slot < byCost.length; slot++) {
      const bucket = byCost[slot];
      if (!bucket) continue;
      if (bucket.firstLive(live)) return slot - this.#offset;
      byCost[slot] = undefined;
    }
    return undefined;
  }

  #liveAt(at: number): (id: number) => boolean {
    const parts = this.#parts;
    return (id) => (parts.state[id]! & ALIVE) !== 0 && parts.at[id] === at;
  }

  #resolveOverloads(): void {
    const n = this.#names.length;
    /** POPs whose room proved smaller than anything that could be moved to them. */
    const full = new Set<number>();
    for (let round = 0; round < 100_000; round++) {
      const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
      const via = new Int32Array(n).fill(-1);
      const viaCost = new Float64Array(n);
      const over = new Array<boolean>(n).fill(false);
      let overloaded = false;
      for (let i = 0; i < n; i++) {
        over[i] = this.#load[i]! > this.#limit[i]! + EPSILON;
        if (over[i]) {
          dist[i] = 0;
          overloaded = true;
        }
      }
      if (!overloaded) return;
      // Bellman-Ford over POPs: few nodes, and moving a visitor on can cost less than nothing.
      for (let pass = 0; pass < n; pass++) {
        let changed = false;
        for (let a = 0; a < n; a++) {
          if (dist[a] === Number.POSITIVE_INFINITY) continue;
          for (let b = 0; b < n; b++) {
            // Nothing goes through a POP that is itself over its limit: it is a source, not a way.
            if (a === b || !this.#serving[b] || over[b]) continue;
            const c = this.#cheapest(a, b);
            if (c !== undefined && dist[a]! + c < dist[b]! - EPSILON) {
              dist[b] = dist[a]! + c;
              via[b] = a;
              viaCost[b] = c;
              changed = true;
            }
          }
        }
        if (!changed) break;
      }
      let target = -1;
      for (let t = 0; t < n; t++) {
        if (dist[t] === Number.POSITIVE_INFINITY || full.has(t) || this.#load[t]! >= this.#limit[t]! - EPSILON) continue;
        if (target < 0 || dist[t]! < dist[target]!) target = t;
      }
      if (target < 0) return;
      const path: number[] = [target];
      for (let at = target; via[at]! >= 0 && path.length <= n; at = via[at]!) path.unshift(via[at]!);
      const start = path[0]!;
      if (path.length < 2 || !over[start]) return;
      // A floor may be stale: the path's pairs are built, and if one costs more than it said, the path is found again.
      let exact = true;
      for (let k = 0; k + 1 < path.length; k++) {
        this.#arcsOf(path[k]!, path[k + 1]!);
        if (this.#cheapest(path[k]!, path[k + 1]!) !== viaCost[path[k + 1]!]) exact = false;
      }
      if (!exact) continue;
      let amount = Math.min(this.#load[start]! - this.#limit[start]!, this.#limit[target]! - this.#load[target]!);
      const room = this.#limit[target]! - this.#load[target]!;
      let moved = 0;
      for (let k = 0; k + 1 < path.length && amount > EPSILON; k++) {
        const step = this.#push(path[k]!, path[k + 1]!, viaCost[path[k + 1]!]!, amount, room);
        moved += step;
        amount = step;
      }
      if (moved <= EPSILON) full.add(target);
    }
  }

  /**
   * The flow's moves that are not needed after all go back to their nearest POP, the costliest first
   * (extra hops × demand), while every POP stays within its limit: the plan moves no more than it
   * must, and a plan made again on the same inputs finds nothing more to move. Moves kept from the
   * plan in force stay: the low watermark rules them.
   */
  #returnUnneeded(): void {
    const parts = this.#parts;
    const visitors: number[] = [];
    for (let id = 0; id < parts.length; id++)
      if (parts.alive(id) && parts.demand[id]! > 0 && !parts.kept(id) && parts.at[id] !== this.#home[parts.source[id]!]) visitors.push(id);
    const costOf = (id: number): number => this.#costAt(id) * parts.demand[id]!;
    visitors.sort((a, b) => costOf(b) - costOf(a) || parts.demand[b]! - parts.demand[a]! || a - b);
    for (const id of visitors) {
      const home = this.#home[parts.source[id]!]!;
      if (this.#load[home]! + parts.demand[id]! <= this.#limit[home]! + EPSILON) this.#move(id, home);
    }
  }

  /**
   * A plan with few blocks free to move (a /24 or /48, or a prefix whose demand does not divide) is
   * searched whole, the flow's plan as the one to beat: rounding whole blocks is most of a small plan's
   * cost, and nothing in a flow sees it. Moves kept from the plan in force stay where they are.
   */
  #searchSmall(): void {
    const parts = this.#parts;
    const movable = (id: number): boolean =>
      parts.alive(id) &&
      parts.demand[id]! > 0 &&
      !parts.kept(id) &&
      this.#reachStart[parts.source[id]! + 1]! - this.#reachStart[parts.source[id]!]! > 1;
    const free: number[] = [];
    let blocks = 0;
    for (let id = 0; id < parts.length; id++) {
      if (!movable(id)) continue;
      free.push(id);
      blocks += splittable(parts.prefix(id), parts.leaves(id)) ? parts.leaves(id).length : 1;
      if (blocks > MAX_SEARCHED_BLOCKS) return;
    }
    if (blocks === 0) return;
    const ids: number[] = [];
    for (const id of free) {
      if (!splittable(parts.prefix(id), parts.leaves(id))) ids.push(id);
      else for (const leaf of parts.leaves(id)) ids.push(this.#carve(this.#aliveCovering(leaf.prefix)!, leaf.prefix));
    }
    const baseLoad = Float64Array.from(this.#load);
    const units: AssignmentUnit[] = ids.map((id) => {
      const source = parts.source[id]!;
      baseLoad[parts.at[id]!]! -= parts.demand[id]!;
      const choices: { pop: number; hops: number }[] = [];
      for (let k = this.#reachStart[source]!, end = this.#reachStart[source + 1]!; k < end; k++)
        choices.push({ pop: this.#reachPop[k]!, hops: this.#reachCost[k]! });
      return { demand: parts.demand[id]!, choices };
    });
    const best = bestAssignment({
      units,
      baseLoad,
      limit: this.#limit,
      start: ids.map((id) => parts.at[id]!),
      stepBudget: SEARCH_STEPS,
    });
    ids.forEach((id, i) => {
      if (parts.at[id] !== best.pops[i]) this.#move(id, best.pops[i]!);
    });
  }

  /** Moves about `amount` of demand from `from` to `to` at one marginal cost, largest parts first, splitting what is too large. */
  #push(from: number, to: number, marginal: number, amount: number, room: number): number {
    const bucket = this.#arcsOf(from, to)[marginal + this.#offset];
    if (!bucket) return 0;
    const parts = this.#parts;
    const live = this.#liveAt(from);
    if (!bucket.sorted) bucket.sort(live, this.#demandOf);
    let moved = 0;
    for (let guard = 0; guard < 10_000_000 && moved < amount - EPSILON && bucket.firstLive(live); guard++) {
      const remaining = amount - moved;
      const largest = bucket.ids[bucket.head]!;
      let chosen = -1;
      if (parts.demand[largest]! <= remaining + EPSILON) chosen = largest;
      else if (splittable(parts.prefix(largest), parts.leaves(largest))) {
        this.#split(largest, halves(parts.prefix(largest))!);
        continue;
      } else {
        // The largest part that fits; else the smallest that does not (overshooting least), if the target has room.
        const at = bucket.firstAtMost(remaining + EPSILON, this.#demandOf);
        for (let k = at; k < bucket.ids.length && chosen < 0; k++) if (live(bucket.ids[k]!)) chosen = bucket.ids[k]!;
        for (let k = at - 1; k >= bucket.head && chosen < 0; k--) {
          const id = bucket.ids[k]!;
          if (!live(id)) continue;
          if (moved + parts.demand[id]! <= room + EPSILON) chosen = id;
          else break;
        }
      }
      if (chosen < 0) break;
      parts.setKept(chosen, false);
      this.#move(chosen, to);
      moved += parts.demand[chosen]!;
    }
    return moved;
  }

  #result(totalDemand: number, totalLimit: number | undefined): Plan {
    const parts = this.#parts;
    const moved: number[] = [];
    for (let id = 0; id < parts.length; id++)
      // A kept line whose blocks had no request in this window stays too: its home is no emptier for it.
      if (parts.alive(id) && (parts.demand[id]! > 0 || parts.kept(id)) && parts.at[id] !== this.#home[parts.source[id]!]) moved.push(id);
    const moves: PlannedMove[] = [];
    let cost = 0;
    for (const move of this.#coalesced(moved)) {
      const extraHops = this.#costTo(move.source, move.at);
      cost += extraHops * move.demand;
      moves.push({
        prefix: move.prefix,
        decidingPrefix: this.#sources[move.source]!.prefix,
        demand: move.demand,
        from: this.#names[this.#home[move.source]!]!,
        to: this.#names[move.at]!,
        extraHops,
        why: move.kept ? 'kept' : 'over-capacity',
      });
    }
    moves.sort((a, b) => b.demand - a.demand || a.from.localeCompare(b.from));
    let unplaced = 0;
    const pops: PopLoad[] = this.#names.map((pop, i) => {
      unplaced += Math.max(0, this.#load[i]! - this.#limit[i]!);
      return { pop, capacity: this.input.capacity.get(pop), before: this.#before[i]!, after: this.#load[i]!, out: !this.#serving[i] };
    });
    return { pops, moves, totalDemand, totalLimit, watermark: this.#watermark, unplaced: unplaced > EPSILON ? unplaced : 0, cost };
  }

  /** Moved parts, sibling halves sent to the same POP joined again: the plan names as few prefixes as it can. */
  #coalesced(moved: readonly number[]): MovedPart[] {
    const parts = this.#parts;
    const whole: MovedPart[] = [];
    let split: MovedPart[] = [];
    for (const id of moved) {
      const part: MovedPart = {
        prefix: parts.prefix(id),
        source: parts.source[id]!,
        demand: parts.demand[id]!,
        at: parts.at[id]!,
        kept: parts.kept(id),
      };
      if (part.prefix.length === this.#sources[part.source]!.prefix.length) whole.push(part);
      else split.push(part);
    }
    for (let changed = true; changed; ) {
      changed = false;
      const byKey = new Map<string, MovedPart>();
      const next: MovedPart[] = [];
      for (const part of split) {
        const parentLength = part.prefix.length - 1;
        if (parentLength < this.#sources[part.source]!.prefix.length) {
          next.push(part);
          continue;
        }
        const parent = { ...part.prefix, network: parentNetwork(part.prefix), length: parentLength } as Prefix;
        const key = `${part.source}|${String(parent.network)}|${parentLength}|${part.at}`;
        const sibling = byKey.get(key);
        if (sibling) {
          byKey.delete(key);
          next.push({
            prefix: parent,
            source: part.source,
            demand: sibling.demand + part.demand,
            at: part.at,
            kept: sibling.kept && part.kept,
          });
          changed = true;
        } else byKey.set(key, part);
      }
      split = [...next, ...byKey.values()];
    }
    return [...whole, ...split];
  }
}

/** A moved part as the plan reports it. */
interface MovedPart {
  readonly prefix: Prefix;
  readonly source: number;
  readonly demand: number;
  readonly at: number;
  readonly kept: boolean;
}

function parentNetwork(prefix: Prefix): number | bigint {
  if (prefix.family === 4) {
    const bit = 2 ** (32 - prefix.length);
    return prefix.network - (prefix.network % (bit * 2));
  }
  const bit = 1n << BigInt(128 - prefix.length);
  return prefix.network & ~bit;
}
