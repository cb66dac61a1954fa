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
  /** A latency override (latency_file), below the capacity plan; else a plan line. */
  readonly latency?: true;
  /** The POP a plan line moves its clients away from (its file's `# from POP`), when it says. */
  readonly from?: string;
}

/** A plan's prefixes, for the answering path: the entry covering an address, and the entries inside a prefix. */
export class PlannedPrefixes {
  readonly #map = new PrefixMap<PlanEntry>();
  /** Each family's entries by network, for the entries inside a prefix. */
  readonly #sorted: { 4: PlanEntry[]; 6: PlanEntry[] } = { 4: [], 6: [] };
  /** Every prefix that holds an entry (each entry's and all its ancestors'): whether a region has one inside is one lookup. */
  readonly #holders4: Array<Set<number>> = Array.from({ length: 33 }, () => new Set());
  readonly #holders6 = new Set<string>();
  /** Entries inside each region asked about: regions repeat (a cached answer's prefix). */
  readonly #inside = new Map<number | string, Prefix[]>();
  #answers: Set<string> | undefined;
  /** Each POP plan lines move clients away from, and when the last such line ends (Infinity: never). */
  #relieved: Map<string, number> | undefined;
  /** Whether some entry ends at a time: else no clock is read per answer. */
  readonly timed: boolean;

  constructor(readonly entries: readonly PlanEntry[]) {
    for (const entry of entries) {
      this.#map.set(entry.prefix, entry);
      this.#sorted[entry.prefix.family].push(entry);
      for (let length = entry.prefix.length; length >= 0; length--) this.#hold(entry.prefix, length);
    }
    this.timed = entries.some((e) => e.untilMs !== undefined);
    for (const list of [this.#sorted[4], this.#sorted[6]])
      list.sort((a, b) => (a.prefix.network < b.prefix.network ? -1 : a.prefix.network > b.prefix.network ? 1 : 0));
  }

  get size(): number {
    return this.entries.length;
  }

  /** Whether any entry lies inside `prefix`, is it, or covers it: only then can the plan change an answer there. */
  touches(prefix: Prefix): boolean {
    if (this.entries.length === 0) return false;
    const holds =
      prefix.family === 4
        ? this.#holders4[prefix.length]!.has(shifted4(prefix.network, prefix.length))
        : this.#holders6.has(key6(prefix, prefix.length));
    return holds || this.#map.coveringMatch(prefix) !== undefined;
  }

  #hold(prefix: Prefix, length: number): void {
    if (prefix.family === 4) this.#holders4[length]!.add(shifted4(prefix.network, length));
    else this.#holders6.add(key6(prefix, length));
  }

  /** Whether a plan line in force moves clients away from this answer: it is over its watermark, no place to send more. */
  relieves(answer: string, nowMs: number): boolean {
    if (!this.#relieved) {
      this.#relieved = new Map();
      for (const e of this.entries)
        if (e.from !== undefined && e.latency !== true)
          this.#relieved.set(e.from, Math.max(this.#relieved.get(e.from) ?? 0, e.untilMs ?? Number.POSITIVE_INFINITY));
    }
    return (this.#relieved.get(answer) ?? 0) > nowMs;
  }

  /** Whether some entry sends clients to this answer. */
  names(answer: string): boolean {
    this.#answers ??= new Set(this.entries.map((e) => e.pop));
    return this.#answers.has(answer);
  }

  /** The entry in force for exactly this prefix, else the most specific one covering it. */
  covering(prefix: Prefix, nowMs: number): PlanEntry | undefined {
    const own = this.#map.get(prefix);
    if (own && (own.untilMs === undefined || own.untilMs > nowMs)) return own;
    return this.#inForceCovering(prefix, nowMs);
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
  within(prefix: Prefix): readonly Prefix[] {
    const key = prefix.family === 4 ? prefix.length * 2 ** 32 + prefix.network : key6(prefix, prefix.length);
    let inside = this.#inside.get(key);
    if (!inside) {
      if (this.#inside.size >= MAX_REMEMBERED_REGIONS) this.#inside.clear();
      inside = this.#within(prefix);
      this.#inside.set(key, inside);
    }
    return inside;
  }

  #within(prefix: Prefix): Prefix[] {
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

const MAX_REMEMBERED_REGIONS = 65_536;

/** An IPv4 network's first `length` bits as a small integer (what V8 keeps unboxed up to 30 bits). */
function shifted4(network: number, length: number): number {
  return length === 0 ? 0 : network >>> (32 - length);
}

/** An IPv6 prefix cut to `length` bits, as a key. */
function key6(prefix: Prefix, length: number): string {
  return `${length}/${length === 0 ? 0n : (prefix.network as bigint) >> BigInt(128 - length)}`;
}
