import type { ClientAddress } from '../core/address.js';
import type { PopRanking } from '../core/pop-ranking.js';
import { formatPrefix, parsePrefix, prefixAround, type Prefix } from '../core/prefix.js';
import { FINEST_SPLIT, type DemandLeaf } from './demand-item.js';
import type { PrefixDemand } from './planner.js';
import type { RateUnit } from './rate.js';

/** The busiest window is what capacity is planned for: five minutes, as traffic graphs are read. */
export const DEFAULT_DEMAND_WINDOW_SECONDS = 300;

/** Requests and response bytes in one window. */
interface Tally {
  requests: number;
  bytes: number;
}

interface PrefixInfo {
  readonly prefix: Prefix;
  readonly ranking: PopRanking;
}

interface LeafInfo {
  readonly prefix: Prefix;
  readonly owner: number;
}

/** The demand the logs show, at their busiest window. */
export interface PeakDemand {
  readonly unit: RateUnit;
  /** Epoch seconds at which the busiest window starts. */
  readonly startSeconds: number;
  readonly windowSeconds: number;
  /** Requests (or bits) per second over that window, every POP together. */
  readonly total: number;
  readonly prefixes: readonly PrefixDemand[];
}

/** A demand tally as JSON, so that each POP summarises its own logs and one place merges them. */
export interface DemandJson {
  readonly window_seconds: number;
  readonly untimed: number;
  /** Lines whose time no request can have (unparsable, out of range, a day ahead), and whose size is past 1 TB. */
  readonly bad_times?: number;
  readonly bad_sizes?: number;
  readonly prefixes: ReadonlyArray<{
    readonly prefix: string;
    readonly ranking: ReadonlyArray<{ pop: string; as: number | null; hops: number }>;
  }>;
  /** Per window: its start (epoch seconds) and [prefix index, leaf, requests, bytes] rows. */
  readonly windows: ReadonlyArray<{ readonly start: number; readonly leaves: ReadonlyArray<readonly [number, string, number, number]> }>;
}

export class DemandJsonError extends Error {
  override name = 'DemandJsonError';
}

/**
 * Requests per deciding prefix, and inside it per /24 or /48, per window of the logs' own time: the
 * demand a capacity plan needs, in both units. Pure.
 */
export class DemandCounter {
  readonly #prefixes: PrefixInfo[] = [];
  readonly #prefixIndex = new Map<string, number>();
  readonly #leaves: LeafInfo[] = [];
  readonly #leafIndex = new Map<number | string, number>();
  readonly #windows = new Map<number, Map<number, Tally>>();
  #untimed = 0;
  #badTimes = 0;
  #badSizes = 0;

  constructor(readonly windowSeconds = DEFAULT_DEMAND_WINDOW_SECONDS) {}

  /** Requests whose line gave no time: they cannot be placed in a window. */
  get untimed(): number {
    return this.#untimed;
  }

  /** Requests left out because their line's time or size is none a request can have. */
  get bad(): { readonly times: number; readonly sizes: number } {
    return { times: this.#badTimes, sizes: this.#badSizes };
  }

  /** A request whose line gives a time (`time`) or size (`size`) no request can have: counted, and left out. */
  addBad(fault: 'time' | 'size'): void {
    if (fault === 'time') this.#badTimes++;
    else this.#badSizes++;
  }

  get windows(): number {
    return this.#windows.size;
  }

  /**
   * One request: from `address`, decided by `prefix` (undefined: no route, served by `ranking`'s only
   * POP), at `timeSeconds`, with a response of `bytes`.
   */
  add(
    address: ClientAddress,
    prefix: Prefix | undefined,
    ranking: () => PopRanking,
    timeSeconds: number | undefined,
    bytes: number | undefined,
  ): void {
    if (timeSeconds === undefined) {
      this.#untimed++;
      return;
    }
    const finest = FINEST_SPLIT[address.family];
    const owner = prefix ?? prefixAround(address, finest);
    const leaf = owner.length >= finest ? owner : prefixAround(address, finest);
    const leafId = this.#leaf(leaf, owner, ranking);
    this.#count(Math.floor(timeSeconds / this.windowSeconds), leafId, 1, bytes ?? 0);
  }

  #leaf(leaf: Prefix, owner: Prefix, ranking: () => PopRanking): number {
    // Numbers for IPv4: a log's every line passes here.
    const key = leaf.family === 4 ? leaf.length * 2 ** 32 + leaf.network : formatPrefix(leaf);
    let id = this.#leafIndex.get(key);
    if (id === undefined) {
      id = this.#leaves.length;
      this.#leaves.push({ prefix: leaf, owner: this.#prefix(owner, ranking) });
      this.#leafIndex.set(key, id);
    }
    return id;
  }

  #prefix(prefix: Prefix, ranking: () => PopRanking): number {
    const key = formatPrefix(prefix);
    let id = this.#prefixIndex.get(key);
    if (id === undefined) {
      id = this.#prefixes.length;
      this.#prefixes.push({ prefix, ranking: ranking() });
      this.#prefixIndex.set(key, id);
    }
    return id;
  }

  #count(window: number, leaf: number, requests: number, bytes: number): void {
    let tallies = this.#windows.get(window);
    if (!tallies) {
      tallies = new Map();
      this.#windows.set(window, tallies);
    }
    const tally = tallies.get(leaf);
    if (tally) {
      tally.requests += requests;
      tally.bytes += bytes;
    } else tallies.set(leaf, { requests, bytes });
  }

  /** The demand at the busiest window, in `unit`; undefined when no request had a time. */
  peak(unit: RateUnit): PeakDemand | undefined {
    const weight = (t: Tally): number => (unit === 'requests' ? t.requests : t.bytes * 8);
    let busiest: number | undefined;
    let busiestTotal = -1;
    for (const [window, tallies] of this.#windows) {
      let total = 0;
      for (const t of tallies.values()) total += weight(t);
      if (total > busiestTotal || (total === busiestTotal && window < busiest!)) {
        busiest = window;
        busiestTotal = total;
      }
    }
    if (busiest === undefined) return undefined;
    const leavesOf = new Map<number, DemandLeaf[]>();
    for (const [leafId, tally] of this.#windows.get(busiest)!) {
      const leaf = this.#leaves[leafId]!;
      const demand = weight(tally) / this.windowSeconds;
      if (demand <= 0) continue;
      const list = leavesOf.get(leaf.owner) ?? [];
      list.push({ prefix: leaf.prefix, demand });
      leavesOf.set(leaf.owner, list);
    }
    const prefixes: PrefixDemand[] = [];
    for (const [owner, leaves] of leavesOf) {
      const info = this.#prefixes[owner]!;
      prefixes.push({ prefix: info.prefix, ranking: info.ranking, demand: leaves.reduce((s, l) => s + l.demand, 0), leaves });
    }
    return {
      unit,
      startSeconds: busiest * this.windowSeconds,
      windowSeconds: this.windowSeconds,
      total: busiestTotal / this.windowSeconds,
      prefixes,
    };
  }

  toJson(): DemandJson {
    return {
      window_seconds: this.windowSeconds,
      untimed: this.#untimed,
      bad_times: this.#badTimes,
      bad_sizes: this.#badSizes,
      prefixes: this.#prefixes.map((p) => ({
        prefix: formatPrefix(p.prefix),
        ranking: p.ranking.map((r) => ({ pop: r.answer, as: r.asn ?? null, hops: r.hops })),
      })),
      windows: [...this.#windows]
        .sort((a, b) => a[0] - b[0])
        .map(([window, tallies]) => ({
          start: window * this.windowSeconds,
          leaves: [...tallies].map(([leafId, t]) => {
            const leaf = this.#leaves[leafId]!;
            return [leaf.owner, formatPrefix(leaf.prefix), t.requests, t.bytes] as const;
          }),
        })),
    };
  }

  /** Adds another host's tally (its `demand` JSON); the first ranking seen for a prefix is kept. `source` names it in errors. */
  merge(json: unknown, source: string): void {
    const demand = json as Partial<DemandJson>;
    if (typeof demand !== 'object' || demand === null || !Array.isArray(demand.prefixes) || !Array.isArray(demand.windows))
      throw new DemandJsonError(`${source}: no "demand" tally: give a summary written by supersparrow --summary --format json`);
    if (demand.window_seconds !== this.windowSeconds)
      throw new DemandJsonError(
        `${source}: its windows are ${String(demand.window_seconds)} s, these are ${this.windowSeconds} s: summarise every host with the same demand_window`,
      );
    const owners = demand.prefixes.map((p, i) => {
      const prefix = typeof p?.prefix === 'string' ? parsePrefix(p.prefix) : undefined;
      if (!prefix || !Array.isArray(p.ranking)) throw new DemandJsonError(`${source}: prefixes[${i}] is not a prefix with a ranking`);
      const ranking: PopRanking = p.ranking.map((r: { pop: unknown; as?: number | null; hops: unknown }) => ({
        answer: String(r.pop),
        asn: r.as ?? undefined,
        hops: Number(r.hops),
      }));
      return { prefix, ranking };
    });
    this.#untimed += Number(demand.untimed ?? 0);
    this.#badTimes += Number(demand.bad_times ?? 0);
    this.#badSizes += Number(demand.bad_sizes ?? 0);
    for (const window of demand.windows) {
      const index = Math.floor(Number(window.start) / this.windowSeconds);
      if (!Number.isFinite(index) || !Array.isArray(window.leaves)) throw new DemandJsonError(`${source}: a window has no start or leaves`);
      for (const row of window.leaves) {
        const [owner, leafText, requests, bytes] = row;
        const info = owners[owner];
        const leaf = parsePrefix(String(leafText));
        if (!info || !leaf || !(Number(requests) >= 0) || !(Number(bytes) >= 0))
          throw new DemandJsonError(`${source}: window ${window.start}: unreadable row ${JSON.stringify(row).slice(0, 80)}`);
        this.#count(
          index,
          this.#leaf(leaf, info.prefix, () => info.ranking),
          Number(requests),
          Number(bytes),
        );
      }
    }
  }
}
