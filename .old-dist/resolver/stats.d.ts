export declare class LatencyHistogram {
    #private;
    record(ms: number): void;
    get count(): number;
    /** Upper edge of the bucket holding quantile q, in ms; undefined with no samples. */
    quantileMs(q: number): number | undefined;
}
/** Seconds, as Prometheus histograms count them: 100 µs to 10 s. */
export declare const LATENCY_BOUNDS_S: readonly [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** A histogram with fixed bounds, cumulative as Prometheus shows it. */
export declare class BoundedHistogram {
    #private;
    readonly boundsS: readonly number[];
    sumS: number;
    count: number;
    constructor(boundsS?: readonly number[]);
    record(ms: number): void;
    /** How many samples fell at or under each bound. */
    cumulative(): number[];
}
export declare class ResolverStats {
    /** Answers given, by reason and then by answer: what an operator graphs per POP. */
    readonly answers: Map<string, Map<string, number>>;
    /** From a route-server query sent to its reply (or failure). */
    readonly routeServerLatency: BoundedHistogram;
    lookups: number;
    cacheHits: number;
    routeServerQueries: number;
    invalidKeys: number;
    /** Answers that fell back to self because the route server was down, slow or unparseable. */
    fallbacks: number;
    readonly latency: LatencyHistogram;
    countAnswer(reason: string, answer: string): void;
    summary(): string;
}
