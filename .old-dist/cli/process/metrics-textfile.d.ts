import type { MetricFamily } from '../../metrics/prometheus.js';
import type { CliContext } from '../context.js';
export declare const METRICS_INTERVAL_MS = 10000;
/**
 * This process's counters in a file of its own for node_exporter's textfile collector, replaced
 * atomically every interval; removed when the process ends, so a dead process's figures are not
 * reported as current. A failed write is reported and retried at the next interval; it never stops answers.
 */
export declare class MetricsTextfile {
    #private;
    private readonly families;
    private readonly onError;
    readonly file: string;
    constructor(dir: string, mode: string, families: () => MetricFamily[], onError: (error: Error) => void, intervalMs?: number);
    write(): void;
    close(): void;
}
/** Counters of this process for node_exporter's textfile collector, written until the run ends. */
export declare function processMetrics(context: CliContext, name: string, startedMs: number): Promise<{
    close(): void;
}>;
