import type { ClientAddress } from './address.js';
import { PrefixMap } from './prefix-map.js';
import type { Prefix } from './prefix.js';

interface Entry<V> {
  readonly prefix: Prefix;
  value: V;
  expiresAt: number;
  newer: Entry<V> | undefined;
  older: Entry<V> | undefined;
}

export interface CachedValue<V> {
  readonly prefix: Prefix;
  readonly value: V;
  readonly expiresAt: number;
}

/**
 * An LRU cache of answers keyed by prefix, found by longest match, each entry living `ttlMs`.
 * Get, set and eviction are O(1) apart from the per-length probe of the longest match.
 */
export class DecisionCache<V> {
  readonly #index = new PrefixMap<Entry<V>>();
  #newest: Entry<V> | undefined;
  #oldest: Entry<V> | undefined;

  constructor(
    readonly capacity: number,
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.#index.size;
  }

  /** The live entry whose prefix is the longest holding `address`, as of `at` (a time the caller has read already, or now). */
  lookup(address: ClientAddress, at?: number): CachedValue<V> | undefined {
    if (this.capacity <= 0) return undefined;
    const now = at ?? this.now();
    for (;;) {
      const match = this.#index.longestMatch(address);
      if (!match) return undefined;
      const entry = match.value;
      if (entry.expiresAt <= now) {
        this.#remove(entry);
        continue;
      }
      this.#touch(entry);
      return entry;
    }
  }

  /** The live value stored for exactly `prefix`, without touching its recency. */
  peek(prefix: Prefix): V | undefined {
    const entry = this.#index.get(prefix);
    return entry && entry.expiresAt > this.now() ? entry.value : undefined;
  }

  /** Stores for `ttlMs`, or for the cache's own lifetime. */
  store(prefix: Prefix, value: V, ttlMs = this.ttlMs): void {
    if (this.capacity <= 0 || ttlMs <= 0) return;
    const existing = this.#index.get(prefix);
    if (existing) {
      existing.value = value;
      existing.expiresAt = this.now() + ttlMs;
      this.#touch(existing);
      return;
    }
    const entry: Entry<V> = { prefix, value, expiresAt: this.now() + ttlMs, newer: undefined, older: this.#newest };
    if (this.#newest) this.#newest.newer = entry;
    this.#newest = entry;
    this.#oldest ??= entry;
    this.#index.set(prefix, entry);
    while (this.#index.size > this.capacity && this.#oldest) this.#remove(this.#oldest);
  }

  delete(prefix: Prefix): void {
    const entry = this.#index.get(prefix);
    if (entry) this.#remove(entry);
  }

  /** Removes every entry whose value matches; returns how many went. O(size): for rare events, not lookups. */
  deleteWhere(matches: (value: V, prefix: Prefix) => boolean): number {
    let removed = 0;
    for (let entry = this.#oldest; entry; ) {
      const next = entry.newer;
      if (matches(entry.value, entry.prefix)) {
        this.#remove(entry);
        removed++;
      }
      entry = next;
    }
    return removed;
  }

  clear(): void {
    this.#index.clear();
    this.#newest = this.#oldest = undefined;
  }

  #touch(entry: Entry<V>): void {
    if (entry === this.#newest) return;
    this.#unlink(entry);
    entry.older = this.#newest;
    entry.newer = undefined;
    if (this.#newest) this.#newest.newer = entry;
    this.#newest = entry;
    this.#oldest ??= entry;
  }

  #unlink(entry: Entry<V>): void {
    if (entry.newer) entry.newer.older = entry.older;
    else this.#newest = entry.older;
    if (entry.older) entry.older.newer = entry.newer;
    else this.#oldest = entry.newer;
    entry.newer = entry.older = undefined;
  }

  #remove(entry: Entry<V>): void {
    this.#unlink(entry);
    this.#index.delete(entry.prefix);
  }
}
