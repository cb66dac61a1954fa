import type { ClientAddress } from './address.js';
import { PrefixMap } from './prefix-map.js';
import type { Prefix } from './prefix.js';

/** One line of a capacity plan in force: clients inside `prefix` go to `pop` (an answer), until an optional time. */
export interface PlanEntry {
  readonly prefix: Prefix;
  readonly pop: string;
  /** Epoch milliseconds; undefined: until the plan changes. */
  readonly untilMs: number | undefined;
  readonly line: number;
}

/** A plan's prefixes, for the answering path: the entry covering an address, and the entries inside a prefix. */
export class PlannedPrefixes {
  readonly #map = new PrefixMap<PlanEntry>();
  /** Each family's entries by network, for the entries inside a prefix. */
  readonly #sorted: { 4: PlanEntry[]; 6: PlanEntry[] } = { 4: [], 6: [] };

  constructor(readonly entries: readonly PlanEntry[]) {
    for (const entry of entries) {
      this.#map.set(entry.prefix, entry);
      this.#sorted[entry.prefix.family].push(entry);
    }
    for (const list of [this.#sorted[4], this.#sorted[6]])
      list.sort((a, b) => (a.prefix.network < b.prefix.network ? -1 : a.prefix.network > b.prefix.network ? 1 : 0));
  }

  get size(): number {
    return this.entries.length;
  }

  /** The most specific entry in force covering the address. */
  lookup(address: ClientAddress, nowMs: number): PlanEntry | undefined {
    if (this.entries.length === 0) return undefined;
    const match = this.#map.longestMatch(address);
    if (!match) return undefined;
    const entry = match.value;
    if (entry.untilMs === undefined || entry.untilMs > nowMs) return entry;
    // An entry whose time ran out gives way to a wider one still in force.
    return this.#inForceCovering(match.prefix, nowMs);
  }

  /** The prefixes of entries strictly inside `prefix`: an answer for `prefix` does not reach into them. */
  within(prefix: Prefix): Prefix[] {
    const list = this.#sorted[prefix.family];
    if (list.length === 0) return [];
    const first = prefix.network;
    const last =
      prefix.family === 4 ? prefix.network + 2 ** (32 - prefix.length) - 1 : prefix.network | ((1n << BigInt(128 - prefix.length)) - 1n);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.prefix.network < first) lo = mid + 1;
      else hi = mid;
    }
    const inside: Prefix[] = [];
    for (let i = lo; i < list.length && list[i]!.prefix.network <= last; i++) {
      if (list[i]!.prefix.length > prefix.length) inside.push(list[i]!.prefix);
    }
    return inside;
  }

  #inForceCovering(prefix: Prefix, nowMs: number): PlanEntry | undefined {
    for (let wider = this.#map.coveringMatch(prefix); wider; wider = this.#map.coveringMatch(wider.prefix)) {
      if (wider.value.untilMs === undefined || wider.value.untilMs > nowMs) return wider.value;
    }
    return undefined;
  }
}

export const NO_PLAN = new PlannedPrefixes([]);
