import type { PopRanking } from '../core/pop-ranking.js';
import { maskIpv4, maskIpv6, prefixCovers, type Prefix } from '../core/prefix.js';
import { type DemandLeaf, halves, leavesWithin, prefixKey, splittable } from './demand-item.js';

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

/** A part of a deciding prefix and the POP its demand is sent to. */
interface Item {
  readonly id: number;
  readonly prefix: Prefix;
  readonly source: number;
  readonly leaves: readonly DemandLeaf[];
  readonly demand: number;
  at: number;
  alive: boolean;
  kept: boolean;
}

interface Source {
  readonly demand: PrefixDemand;
  /** Extra hops to each POP index from the nearest serving one; -1: this prefix cannot reach it. */
  readonly cost: Int32Array;
  readonly home: number;
}

const EPSILON = 1e-9;

/** Item ids; `sorted` false once an id was added since the last sort (largest demand first). */
type Bucket = number[] & { sorted: boolean };
type Arcs = Map<number, Map<number, Bucket>>;

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
  readonly #sources: Source[] = [];
  readonly #items: Item[] = [];
  /** Each deciding prefix's source index, by its text. */
  readonly #sourceOf = new Map<string, number>();
  /** The items split from each deciding prefix, dead ones included. */
  readonly #partsOf: Item[][] = [];
  #load: Float64Array = new Float64Array(0);
  #limit: Float64Array = new Float64Array(0);
  #serving: boolean[] = [];
  /** Per POP, built when first needed: its items by target POP and marginal cost, largest first. */
  #arcs: Array<Arcs | undefined> = [];
  #watermark = 0.9;
  readonly #low: number;
  #before: Float64Array = new Float64Array(0);

  constructor(private readonly input: PlanInput) {
    this.#watermark = input.highWatermark ?? 0.9;
    this.#low = input.lowWatermark ?? 0.75;
    for (const pop of input.capacity.keys()) this.#pop(pop);
    for (const p of input.prefixes) for (const entry of p.ranking) this.#pop(entry.answer);
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
    this.#serving = this.#names.map((name) => !out.has(name));
    this.#load = new Float64Array(n);
    this.#before = new Float64Array(n);
    this.#arcs = new Array(n).fill(undefined);
    let totalDemand = 0;
    for (const demand of this.input.prefixes) {
      if (!(demand.demand > 0)) continue;
      const cost = new Int32Array(n).fill(-1);
      let home = -1;
      let homeHops = 0;
      for (const entry of demand.ranking) {
        const i = this.#index.get(entry.answer)!;
        if (!this.#serving[i] || cost[i]! >= 0) continue;
        if (home < 0) {
          home = i;
          homeHops = entry.hops;
        }
        cost[i] = Math.max(0, entry.hops - homeHops);
      }
      if (home < 0) continue;
      const source = this.#sources.length;
      this.#sources.push({ demand, cost, home });
      this.#sourceOf.set(prefixKey(demand.prefix), source);
      const item: Item = {
        id: this.#items.length,
        prefix: demand.prefix,
        source,
        leaves: demand.leaves,
        demand: demand.demand,
        at: home,
        alive: true,
        kept: false,
      };
      this.#items.push(item);
      this.#partsOf.push([item]);
      this.#load[home]! += demand.demand;
      this.#before[home]! += demand.demand;
      totalDemand += demand.demand;
    }
    const totalLimit = this.#limits(totalDemand);
    if (this.input.previous) this.#keepPrevious();
    this.#resolveOverloads();
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
    for (const { prefix, pop } of this.input.previous ?? []) {
      const to = this.#index.get(pop);
      if (to === undefined || !this.#serving[to]) continue;
      const item = this.#aliveItemCovering(prefix);
      if (!item || this.#sources[item.source]!.cost[to]! < 0) continue;
      const carved = this.#carve(item, prefix);
      if (carved.at !== to) this.#move(carved, to);
      carved.kept = true;
    }
    const visitors = this.#items
      .filter((it) => it.alive && it.at !== this.#sources[it.source]!.home)
      .sort((a, b) => this.#costAt(b) - this.#costAt(a) || b.demand - a.demand);
    for (const item of visitors) {
      const home = this.#sources[item.source]!.home;
      const capacity = this.input.capacity.get(this.#names[home]!);
      if (capacity === undefined || this.#load[home]! + item.demand <= capacity * this.#low + EPSILON) {
        this.#move(item, home);
        item.kept = false;
      }
    }
  }

  /** The live part of a deciding prefix that holds `prefix`, if some deciding prefix does. */
  #aliveItemCovering(prefix: Prefix): Item | undefined {
    for (let length = prefix.length; length >= 0; length--) {
      const source = this.#sourceOf.get(prefixKey(truncate(prefix, length)));
      if (source === undefined) continue;
      return this.#partsOf[source]!.find((it) => it.alive && prefixCovers(it.prefix, prefix));
    }
    return undefined;
  }

  #costAt(item: Item): number {
    return this.#sources[item.source]!.cost[item.at]!;
  }

  /** The part of `item` that is exactly `part`, its siblings split off at the same POP. */
  #carve(item: Item, part: Prefix): Item {
    let current = item;
    while (current.prefix.length < part.length) {
      const pair = halves(current.prefix);
      if (!pair) break;
      const [inner, outer] = prefixCovers(pair[0], part) ? pair : [pair[1], pair[0]];
      const children = this.#split(current, [inner, outer]);
      current = children[0]!;
    }
    return current;
  }

  /** Replaces an item by its parts (each at the same POP); returns them in the order given. */
  #split(item: Item, parts: readonly Prefix[]): Item[] {
    item.alive = false;
    const made: Item[] = [];
    for (const prefix of parts) {
      const { leaves, demand } = leavesWithin(prefix, item.leaves);
      const child: Item = {
        id: this.#items.length,
        prefix,
        source: item.source,
        leaves,
        demand,
        at: item.at,
        alive: true,
        kept: item.kept,
      };
      this.#items.push(child);
      this.#partsOf[item.source]!.push(child);
      this.#addToBuiltArcs(child);
      made.push(child);
    }
    return made;
  }

  #move(item: Item, to: number): void {
    this.#load[item.at]! -= item.demand;
    this.#load[to]! += item.demand;
    item.at = to;
    this.#addToBuiltArcs(item);
  }

  /** Adds an item to its POP's arcs, if they are built. */
  #addToBuiltArcs(item: Item): void {
    const arcs = this.#arcs[item.at];
    if (arcs && item.demand > 0) this.#addToArcs(arcs, item);
  }

  #addToArcs(arcs: Arcs, item: Item): void {
    const { cost, home } = this.#sources[item.source]!;
    const here = cost[item.at]!;
    for (let to = 0; to < cost.length; to++) {
      if (to === item.at || cost[to]! < 0 || !this.#serving[to]) continue;
      // A kept move goes home only below the low watermark (#keepPrevious), or it would flap.
      if (item.kept && to === home) continue;
      let byCost = arcs.get(to);
      if (!byCost) {
        byCost = new Map();
        arcs.set(to, byCost);
      }
      const marginal = cost[to]! - here;
      const bucket = byCost.get(marginal);
      if (bucket) {
        bucket.push(item.id);
        bucket.sorted = false;
      } else byCost.set(marginal, Object.assign([item.id], { sorted: false }));
    }
  }

  #arcsOf(pop: number): Arcs {
    let arcs = this.#arcs[pop];
    if (!arcs) {
      arcs = new Map();
      this.#arcs[pop] = arcs;
      for (const item of this.#items) if (item.alive && item.at === pop && item.demand > 0) this.#addToArcs(arcs, item);
    }
    return arcs;
  }

  /** The cheapest marginal cost of moving something from `from` to `to`, pruning stale entries; undefined when nothing can. */
  #cheapest(from: number, to: number): number | undefined {
    const byCost = this.#arcsOf(from).get(to);
    if (!byCost) return undefined;
    let best: number | undefined;
    for (const [marginal, bucket] of byCost) {
      if (best !== undefined && marginal >= best) continue;
      if (this.#live(bucket, from)) best = marginal;
      else byCost.delete(marginal);
    }
    return best;
  }

  #live(bucket: number[], at: number): boolean {
    let kept = 0;
    for (const id of bucket) {
      const item = this.#items[id]!;
      if (item.alive && item.at === at) bucket[kept++] = id;
    }
    bucket.length = kept;
    return kept > 0;
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

  /** Moves about `amount` of demand from `from` to `to` at one marginal cost, largest parts first, splitting what is too large. */
  #push(from: number, to: number, marginal: number, amount: number, room: number): number {
    const bucket = this.#arcsOf(from).get(to)?.get(marginal);
    if (!bucket) return 0;
    let moved = 0;
    for (let guard = 0; guard < 1_000_000 && moved < amount - EPSILON; guard++) {
      if (!bucket.sorted) {
        this.#live(bucket, from);
        bucket.sort((x, y) => this.#items[y]!.demand - this.#items[x]!.demand);
        bucket.sorted = true;
      }
      const remaining = amount - moved;
      let chosen = -1;
      // Too large to move whole and indivisible: the smallest such overshoots least.
      let overshoot = -1;
      for (const id of bucket) {
        const item = this.#items[id]!;
        if (!item.alive || item.at !== from) continue;
        if (item.demand <= remaining + EPSILON || splittable(item.prefix, item.leaves)) {
          chosen = id;
          break;
        }
        if (moved + item.demand <= room + EPSILON) overshoot = id;
      }
      if (chosen < 0) chosen = overshoot;
      if (chosen < 0) break;
      const item = this.#items[chosen]!;
      if (item.demand > remaining + EPSILON && splittable(item.prefix, item.leaves)) {
        this.#split(item, halves(item.prefix)!);
        continue;
      }
      this.#move(item, to);
      item.kept = false;
      moved += item.demand;
    }
    return moved;
  }

  #result(totalDemand: number, totalLimit: number | undefined): Plan {
    const moves: PlannedMove[] = [];
    let cost = 0;
    for (const item of this.#coalesced()) {
      const source = this.#sources[item.source]!;
      if (item.at === source.home || item.demand <= 0) continue;
      const extraHops = source.cost[item.at]!;
      cost += extraHops * item.demand;
      moves.push({
        prefix: item.prefix,
        decidingPrefix: source.demand.prefix,
        demand: item.demand,
        from: this.#names[source.home]!,
        to: this.#names[item.at]!,
        extraHops,
        why: item.kept ? 'kept' : 'over-capacity',
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

  /** Live items, sibling halves sent to the same POP joined again: the plan names as few prefixes as it can. */
  #coalesced(): Item[] {
    let items = this.#items.filter((it) => it.alive);
    for (let changed = true; changed; ) {
      changed = false;
      const byKey = new Map<string, Item>();
      const next: Item[] = [];
      for (const item of items) {
        const parentLength = item.prefix.length - 1;
        const source = this.#sources[item.source]!;
        if (parentLength < source.demand.prefix.length) {
          next.push(item);
          continue;
        }
        const pair = halves({ ...item.prefix, length: parentLength, network: parentNetwork(item.prefix) } as Prefix)!;
        const key = `${item.source}|${String(pair[0].network)}|${parentLength}|${item.at}`;
        const sibling = byKey.get(key);
        if (sibling) {
          byKey.delete(key);
          const parent: Prefix = { ...item.prefix, network: pair[0].network, length: parentLength } as Prefix;
          next.push({
            id: -1,
            prefix: parent,
            source: item.source,
            leaves: [...sibling.leaves, ...item.leaves],
            demand: sibling.demand + item.demand,
            at: item.at,
            alive: true,
            kept: sibling.kept && item.kept,
          });
          changed = true;
        } else byKey.set(key, item);
      }
      items = [...next, ...byKey.values()];
    }
    return items;
  }
}

function truncate(prefix: Prefix, length: number): Prefix {
  return prefix.family === 4
    ? { family: 4, network: maskIpv4(prefix.network, length), length }
    : { family: 6, network: maskIpv6(prefix.network, length), length };
}

function parentNetwork(prefix: Prefix): number | bigint {
  if (prefix.family === 4) {
    const bit = 2 ** (32 - prefix.length);
    return prefix.network - (prefix.network % (bit * 2));
  }
  const bit = 1n << BigInt(128 - prefix.length);
  return prefix.network & ~bit;
}
