import { PrefixMap } from './prefix-map.js';
/**
 * An LRU cache of answers keyed by prefix, found by longest match, each entry living `ttlMs`.
 * Get, set and eviction are O(1) apart from the per-length probe of the longest match.
 */
export class DecisionCache {
    capacity;
    ttlMs;
    now;
    #index = new PrefixMap();
    #newest;
    #oldest;
    constructor(capacity, ttlMs, now = Date.now) {
        this.capacity = capacity;
        this.ttlMs = ttlMs;
        this.now = now;
    }
    get size() {
        return this.#index.size;
    }
    lookup(address) {
        if (this.capacity <= 0)
            return undefined;
        for (;;) {
            const match = this.#index.longestMatch(address);
            if (!match)
                return undefined;
            const entry = match.value;
            if (entry.expiresAt <= this.now()) {
                this.#remove(entry);
                continue;
            }
            this.#touch(entry);
            return entry;
        }
    }
    /** The live value stored for exactly `prefix`, without touching its recency. */
    peek(prefix) {
        const entry = this.#index.get(prefix);
        return entry && entry.expiresAt > this.now() ? entry.value : undefined;
    }
    /** Stores for `ttlMs`, or for the cache's own lifetime. */
    store(prefix, value, ttlMs = this.ttlMs) {
        if (this.capacity <= 0 || ttlMs <= 0)
            return;
        const existing = this.#index.get(prefix);
        if (existing) {
            existing.value = value;
            existing.expiresAt = this.now() + ttlMs;
            this.#touch(existing);
            return;
        }
        const entry = { prefix, value, expiresAt: this.now() + ttlMs, newer: undefined, older: this.#newest };
        if (this.#newest)
            this.#newest.newer = entry;
        this.#newest = entry;
        this.#oldest ??= entry;
        this.#index.set(prefix, entry);
        while (this.#index.size > this.capacity && this.#oldest)
            this.#remove(this.#oldest);
    }
    delete(prefix) {
        const entry = this.#index.get(prefix);
        if (entry)
            this.#remove(entry);
    }
    /** Removes every entry whose value matches; returns how many went. O(size): for rare events, not lookups. */
    deleteWhere(matches) {
        let removed = 0;
        for (let entry = this.#oldest; entry;) {
            const next = entry.newer;
            if (matches(entry.value, entry.prefix)) {
                this.#remove(entry);
                removed++;
            }
            entry = next;
        }
        return removed;
    }
    clear() {
        this.#index.clear();
        this.#newest = this.#oldest = undefined;
    }
    #touch(entry) {
        if (entry === this.#newest)
            return;
        this.#unlink(entry);
        entry.older = this.#newest;
        entry.newer = undefined;
        if (this.#newest)
            this.#newest.newer = entry;
        this.#newest = entry;
        this.#oldest ??= entry;
    }
    #unlink(entry) {
        if (entry.newer)
            entry.newer.older = entry.older;
        else
            this.#newest = entry.older;
        if (entry.older)
            entry.older.newer = entry.newer;
        else
            this.#oldest = entry.newer;
        entry.newer = entry.older = undefined;
    }
    #remove(entry) {
        this.#unlink(entry);
        this.#index.delete(entry.prefix);
    }
}
//# sourceMappingURL=decision-cache.js.map