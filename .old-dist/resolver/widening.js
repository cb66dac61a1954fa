import { prefixAround } from '../core/prefix.js';
/**
 * Below these lengths a prefix is not widened into one cache entry: checking it for more-specific
 * routes would pull a large part of the table over the vty.
 */
export const WIDEN_MIN_LENGTH = { 4: 16, 6: 32 };
/** A route server listing more routes than this inside one prefix is not worth a cache entry each. */
const MAX_MORE_SPECIFICS = 4096;
/** No-route answers are widened to the client's /24 or /48 when nothing inside it has a route. */
const NO_ROUTE_NEIGHBOURHOOD = { 4: 24, 6: 48 };
const MAX_CONCURRENT_CHECKS = 4;
/**
 * Caches an answer for a whole prefix once the route server has listed the routes inside it, a few
 * checks at a time, off the answering path; each more-specific route gets an entry of its own.
 */
export class Widening {
    routesWithin;
    cache;
    options;
    #checks = new Map();
    constructor(routesWithin, cache, options = () => ({})) {
        this.routesWithin = routesWithin;
        this.cache = cache;
        this.options = options;
    }
    /** An answer from the prefix of the route that gave it. */
    routed(address, prefix, answer, ttlMs) {
        this.#check(address, prefix, answer, true, ttlMs);
    }
    /** A no-route answer, widened to the address's neighbourhood when nothing inside it has a route. */
    unrouted(address, answer, ttlMs) {
        this.#check(address, prefixAround(address, NO_ROUTE_NEIGHBOURHOOD[address.family]), answer, false, ttlMs);
    }
    /** Settles once the checks under way have widened (or not) their answers. */
    async settled() {
        while (this.#checks.size > 0)
            await Promise.all(this.#checks.values());
    }
    #check(address, prefix, answer, prefixHasRoute, ttlMs) {
        if (prefix.length < (this.options().minLength ?? WIDEN_MIN_LENGTH)[prefix.family])
            return;
        const key = `${prefix.family}/${prefix.network}/${prefix.length}`;
        if (this.#checks.has(key) || this.#checks.size >= (this.options().maxChecks ?? MAX_CONCURRENT_CHECKS))
            return;
        const generation = this.cache.generation();
        const check = this.routesWithin(prefix, prefixHasRoute)
            .then((inside) => {
            if (!inside || inside.length > MAX_MORE_SPECIFICS || generation !== this.cache.generation())
                return;
            const holes = inside.filter((p) => p.length > prefix.length);
            for (const p of holes)
                this.cache.markAsk(p, ttlMs);
            this.cache.storeWide(prefix, answer, holes, ttlMs);
            this.cache.dropOwnEntry(address, answer);
        })
            .catch(() => undefined)
            .finally(() => this.#checks.delete(key));
        this.#checks.set(key, check);
    }
}
//# sourceMappingURL=widening.js.map