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
export function initialHealth(nowMs: number): HealthRecord {
  return { up: true, run: 0, sinceMs: nowMs, probedAtMs: 0, detail: 'not probed yet' };
}

export function afterProbe(record: HealthRecord, passed: boolean, detail: string, nowMs: number, rules: HealthRules): HealthRecord {
  if (passed === record.up) return { ...record, run: 0, probedAtMs: nowMs, detail };
  const run = record.run + 1;
  if (run < (record.up ? rules.fall : rules.rise)) return { ...record, run, probedAtMs: nowMs, detail };
  return { up: !record.up, run: 0, sinceMs: nowMs, probedAtMs: nowMs, detail };
}

/** When the next probe is due. */
export function nextProbeAt(record: HealthRecord, rules: HealthRules): number {
  return record.probedAtMs + (record.run > 0 || record.probedAtMs === 0 ? rules.fastIntervalMs : rules.intervalMs);
}
