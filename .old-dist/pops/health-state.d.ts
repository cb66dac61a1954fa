/** One health check's state, as haproxy keeps it: up or down, and the run of results that may flip it. */
export interface HealthRecord {
    readonly up: boolean;
    /** Consecutive passes while down, or failures while up: the run that `rise` or `fall` ends. */
    readonly run: number;
    /** Epoch milliseconds of the last flip, or of the first probe. */
    readonly sinceMs: number;
    /** Epoch milliseconds of the last probe; 0: never probed. */
    readonly probedAtMs: number;
    /** What the last probe saw, e.g. `HTTP 200`, `HTTP 503`, `timed out after 1000 ms`. */
    readonly detail: string;
}
export interface HealthRules {
    readonly rise: number;
    readonly fall: number;
    readonly intervalMs: number;
    /** While a run is under way, probes come this often, so a flip is not held back by the interval. */
    readonly fastIntervalMs: number;
}
/** A check starts up, as haproxy's servers do: one failing from the start is down after `fall` quick probes. */
export declare function initialHealth(nowMs: number): HealthRecord;
export declare function afterProbe(record: HealthRecord, passed: boolean, detail: string, nowMs: number, rules: HealthRules): HealthRecord;
/** When the next probe is due. */
export declare function nextProbeAt(record: HealthRecord, rules: HealthRules): number;
