/** One metric family in Prometheus's text exposition format (version 0.0.4). */
export interface MetricFamily {
    readonly name: string;
    readonly help: string;
    readonly type: 'counter' | 'gauge' | 'histogram';
    readonly samples: readonly MetricSample[];
}
export interface MetricSample {
    /** Appended to the family's name: `_bucket`, `_sum`, `_count` for a histogram. */
    readonly suffix?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly value: number;
}
/** The families as a text exposition; `common` labels (a process's pid) go on every sample. */
export declare function prometheusText(families: readonly MetricFamily[], common?: Readonly<Record<string, string>>): string;
/** A cumulative histogram's samples: one bucket per bound, `+Inf`, the sum and the count. */
export declare function histogramSamples(boundsS: readonly number[], cumulative: readonly number[], sum: number, count: number, labels?: Readonly<Record<string, string>>): MetricSample[];
