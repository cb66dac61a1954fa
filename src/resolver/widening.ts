import type { ClientAddress } from '../core/address.js';
import { prefixAround, type Prefix } from '../core/prefix.js';

/**
 * Below these lengths a prefix is not widened into one cache entry: checking it for more-specific
 * routes would pull a large part of the table over the vty.
 */
export const WIDEN_MIN_LENGTH: Readonly<Record<4 | 6, number>> = { 4: 16, 6: 32 };
/** A route server listing more routes than this inside one prefix is not worth a cache entry each. */
const MAX_MORE_SPECIFICS = 4096;
/** No-route answers are widened to the client's /24 or /48 when nothing inside it has a route. */
const NO_ROUTE_NEIGHBOURHOOD = { 4: 24, 6: 48 } as const;
const MAX_CONCURRENT_CHECKS = 4;

/** Where a widened answer goes: the resolver's cache. */
export interface WideningCache<A> {
  /** Bumped when the cache is cleared: a check begun before is dropped. */
  generation(): number;
  /** A more-specific route lies here: its addresses are sent back to the route server (unless already cached). */
  markAsk(prefix: Prefix, ttlMs: number): void;
  /** The answer for the whole prefix, with the more-specific routes inside it as holes. */
  storeWide(prefix: Prefix, answer: A, holes: readonly Prefix[], ttlMs: number): void;
  /** The address's own entry would shadow the prefix's, and with it how far the answer reaches. */
  dropOwnEntry(address: ClientAddress, answer: A): void;
}

export interface WideningOptions {
  readonly minLength?: Readonly<Record<4 | 6, number>>;
  readonly maxChecks?: number;
}

/**
 * Caches an answer for a whole prefix once the route server has listed the routes inside it, a few
 * checks at a time, off the answering path; each more-specific route gets an entry of its own.
 */
export class Widening<A> {
  readonly #checks = new Map<string, Promise<void>>();

  constructor(
    private readonly routesWithin: (prefix: Prefix, prefixHasRoute: boolean) => Promise<readonly Prefix[] | undefined>,
    private readonly cache: WideningCache<A>,
    private readonly options: () => WideningOptions = () => ({}),
  ) {}

  /** An answer from the prefix of the route that gave it. */
  routed(address: ClientAddress, prefix: Prefix, answer: A, ttlMs: number): void {
    this.#check(address, prefix, answer, true, ttlMs);
  }

  /** A no-route answer, widened to the address's neighbourhood when nothing inside it has a route. */
  unrouted(address: ClientAddress, answer: A, ttlMs: number): void {
    this.#check(address, prefixAround(address, NO_ROUTE_NEIGHBOURHOOD[address.family]), answer, false, ttlMs);
  }

  /** Settles once the checks under way have widened (or not) their answers. */
  async settled(): Promise<void> {
    while (this.#checks.size > 0) await Promise.all(this.#checks.values());
  }

  #check(address: ClientAddress, prefix: Prefix, answer: A, prefixHasRoute: boolean, ttlMs: number): void {
    if (prefix.length < (this.options().minLength ?? WIDEN_MIN_LENGTH)[prefix.family]) return;
    const key = `${prefix.family}/${prefix.network}/${prefix.length}`;
    if (this.#checks.has(key) || this.#checks.size >= (this.options().maxChecks ?? MAX_CONCURRENT_CHECKS)) return;
    const generation = this.cache.generation();
    const check = this.routesWithin(prefix, prefixHasRoute)
      .then((inside) => {
        if (!inside || inside.length > MAX_MORE_SPECIFICS || generation !== this.cache.generation()) return;
        const holes = inside.filter((p) => p.length > prefix.length);
        for (const p of holes) this.cache.markAsk(p, ttlMs);
        this.cache.storeWide(prefix, answer, holes, ttlMs);
        this.cache.dropOwnEntry(address, answer);
      })
      .catch(() => undefined)
      .finally(() => this.#checks.delete(key));
    this.#checks.set(key, check);
  }
}
