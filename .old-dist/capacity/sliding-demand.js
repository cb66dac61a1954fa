import { formatPrefix, prefixAround } from '../core/prefix.js';
import { FINEST_SPLIT } from './demand-item.js';
/**
 * Requests per /24 or /48 per second of the logs' own time, kept for the last `spanSeconds`: the
 * demand a plan made now should answer. A prefix's ranking is the one its latest request brought, so
 * it follows route changes; prefixes and blocks nothing asked for within the span are forgotten. Pure.
 */
export class SlidingDemand {
    spanSeconds;
    #owners = new Map();
    /** Per second: per block (its text), the owner's key, requests and bytes. */
    #seconds = new Map();
    #newest = Number.NEGATIVE_INFINITY;
    constructor(spanSeconds) {
        this.spanSeconds = spanSeconds;
    }
    /** The latest time any request had, or -Infinity before the first. */
    get newestSeconds() {
        return this.#newest;
    }
    /**
     * One request from `address` decided by `prefix` (undefined: no route, its /24 or /48 stands for it),
     * ranked by `ranking()` (asked again only when `madeFrom`, the route, is not the one last seen).
     */
    add(address, prefix, madeFrom, ranking, timeSeconds, bytes) {
        const finest = FINEST_SPLIT[address.family];
        const ownerPrefix = prefix ?? prefixAround(address, finest);
        const ownerKey = formatPrefix(ownerPrefix);
        const owner = this.#owners.get(ownerKey);
        if (!owner)
            this.#owners.set(ownerKey, { prefix: ownerPrefix, ranking: ranking(), madeFrom });
        else if (owner.madeFrom !== madeFrom) {
            owner.ranking = ranking();
            owner.madeFrom = madeFrom;
        }
        const leaf = ownerPrefix.length >= finest ? ownerPrefix : prefixAround(address, finest);
        const second = Math.floor(timeSeconds);
        if (second > this.#newest)
            this.#newest = second;
        let blocks = this.#seconds.get(second);
        if (!blocks) {
            blocks = new Map();
            this.#seconds.set(second, blocks);
        }
        const leafKey = leaf === ownerPrefix ? ownerKey : formatPrefix(leaf);
        const tally = blocks.get(leafKey);
        if (tally) {
            tally.requests++;
            tally.bytes += bytes ?? 0;
        }
        else
            blocks.set(leafKey, { owner: ownerKey, prefix: leaf, requests: 1, bytes: bytes ?? 0 });
    }
    /** The demand of the span that ends at `endSeconds` (exclusive), per second; older seconds are forgotten. */
    recent(endSeconds, unit) {
        const start = endSeconds - this.spanSeconds;
        const leaves = new Map();
        const kept = new Set();
        let requests = 0;
        for (const [second, blocks] of this.#seconds) {
            if (second < start) {
                this.#seconds.delete(second);
                continue;
            }
            if (second >= endSeconds) {
                for (const t of blocks.values())
                    kept.add(t.owner);
                continue;
            }
            for (const [key, t] of blocks) {
                kept.add(t.owner);
                requests += t.requests;
                const weight = unit === 'requests' ? t.requests : t.bytes * 8;
                const leaf = leaves.get(key);
                if (leaf)
                    leaf.demand += weight;
                else
                    leaves.set(key, { owner: t.owner, prefix: t.prefix, demand: weight });
            }
        }
        const byOwner = new Map();
        for (const leaf of leaves.values()) {
            const demand = leaf.demand / this.spanSeconds;
            if (!(demand > 0))
                continue;
            const list = byOwner.get(leaf.owner);
            if (list)
                list.push({ prefix: leaf.prefix, demand });
            else
                byOwner.set(leaf.owner, [{ prefix: leaf.prefix, demand }]);
        }
        const prefixes = [];
        let total = 0;
        for (const [key, owner] of this.#owners) {
            const list = byOwner.get(key);
            if (!list) {
                if (!kept.has(key))
                    this.#owners.delete(key);
                continue;
            }
            const demand = list.reduce((s, l) => s + l.demand, 0);
            total += demand;
            prefixes.push({ prefix: owner.prefix, ranking: owner.ranking, demand, leaves: list });
        }
        return { unit, startSeconds: start, endSeconds, total, prefixes, requests };
    }
}
//# sourceMappingURL=sliding-demand.js.map