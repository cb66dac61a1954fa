/** Latency buckets grow by 2^(1/4): about 19% wide, enough for p50/p99 at a glance. */
const BUCKETS_PER_DOUBLING = 4;
const MIN_US = 1;
const BUCKET_COUNT = 100;

export class LatencyHistogram {
  readonly #counts = new Uint32Array(BUCKET_COUNT);
  #total = 0;

  record(ms: number): void {
    const us = Math.max(MIN_US, ms * 1000);
    const bucket = Math.min(BUCKET_COUNT - 1, Math.floor(Math.log2(us / MIN_US) * BUCKETS_PER_DOUBLING));
    this.#counts[bucket]!++;
    this.#total++;
  }

  get count(): number {
    return this.#total;
  }

  /** Upper edge of the bucket holding quantile q, in ms; undefined with no samples. */
  quantileMs(q: number): number | undefined {
    if (this.#total === 0) return undefined;
    const rank = Math.ceil(q * this.#total);
    let seen = 0;
    for (let i = 0; i < BUCKET_COUNT; i++) {
      seen += this.#counts[i]!;
      if (seen >= rank) return (MIN_US * 2 ** ((i + 1) / BUCKETS_PER_DOUBLING)) / 1000;
    }
    return undefined;
  }
}

export class ResolverStats {
  lookups = 0;
  cacheHits = 0;
  routeServerQueries = 0;
  invalidKeys = 0;
  /** Answers that fell back to self because the route server was down, slow or unparseable. */
  fallbacks = 0;
  readonly latency = new LatencyHistogram();

  summary(): string {
    const ms = (v: number | undefined): string => (v === undefined ? '-' : `${v < 1 ? v.toFixed(3) : v.toFixed(1)}ms`);
    return (
      `lookups=${this.lookups} cache_hits=${this.cacheHits} route_server_queries=${this.routeServerQueries} ` +
      `invalid_keys=${this.invalidKeys} errors=${this.fallbacks} ` +
      `p50=${ms(this.latency.quantileMs(0.5))} p99=${ms(this.latency.quantileMs(0.99))}`
    );
  }
}
