/** Latency buckets grow by 2^(1/4): about 19% wide, enough for p50/p99 at a glance. */
const BUCKETS_PER_DOUBLING = 4;
const MIN_US = 1;
const BUCKET_COUNT = 100;
export class LatencyHistogram {
    #counts = new Uint32Array(BUCKET_COUNT);
    #total = 0;
    record(ms) {
        const us = Math.max(MIN_US, ms * 1000);
        const bucket = Math.min(BUCKET_COUNT - 1, Math.floor(Math.log2(us / MIN_US) * BUCKETS_PER_DOUBLING));
        this.#counts[bucket]++;
        this.#total++;
    }
    get count() {
        return this.#total;
    }
    /** Upper edge of the bucket holding quantile q, in ms; undefined with no samples. */
    quantileMs(q) {
        if (this.#total === 0)
            return undefined;
        const rank = Math.ceil(q * this.#total);
        let seen = 0;
        for (let i = 0; i < BUCKET_COUNT; i++) {
            seen += this.#counts[i];
            if (seen >= rank)
                return (MIN_US * 2 ** ((i + 1) / BUCKETS_PER_DOUBLING)) / 1000;
        }
        return undefined;
    }
}
/** Seconds, as Prometheus histograms count them: 100 µs to 10 s. */
export const LATENCY_BOUNDS_S = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** A histogram with fixed bounds, cumulative as Prometheus shows it. */
export class BoundedHistogram {
    boundsS;
    #counts;
    sumS = 0;
    count = 0;
    constructor(boundsS = LATENCY_BOUNDS_S) {
        this.boundsS = boundsS;
        this.#counts = new Uint32Array(boundsS.length);
    }
    record(ms) {
        const s = ms / 1000;
        this.sumS += s;
        this.count++;
        const i = this.boundsS.findIndex((bound) => s <= bound);
        if (i >= 0)
            this.#counts[i]++;
    }
    /** How many samples fell at or under each bound. */
    cumulative() {
        let seen = 0;
        return [...this.#counts].map((n) => (seen += n));
    }
}
export class ResolverStats {
    /** Answers given, by reason and then by answer: what an operator graphs per POP. */
    answers = new Map();
    /** From a route-server query sent to its reply (or failure). */
    routeServerLatency = new BoundedHistogram();
    lookups = 0;
    cacheHits = 0;
    routeServerQueries = 0;
    invalidKeys = 0;
    /** Answers that fell back to self because the route server was down, slow or unparseable. */
    fallbacks = 0;
    latency = new LatencyHistogram();
    countAnswer(reason, answer) {
        let byAnswer = this.answers.get(reason);
        if (!byAnswer) {
            byAnswer = new Map();
            this.answers.set(reason, byAnswer);
        }
        byAnswer.set(answer, (byAnswer.get(answer) ?? 0) + 1);
    }
    summary() {
        const ms = (v) => (v === undefined ? '-' : `${v < 1 ? v.toFixed(3) : v.toFixed(1)}ms`);
        return (`lookups=${this.lookups} cache_hits=${this.cacheHits} route_server_queries=${this.routeServerQueries} ` +
            `invalid_keys=${this.invalidKeys} errors=${this.fallbacks} ` +
            `p50=${ms(this.latency.quantileMs(0.5))} p99=${ms(this.latency.quantileMs(0.99))}`);
    }
}
//# sourceMappingURL=stats.js.map