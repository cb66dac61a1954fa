import type { PeakDemand } from './demand.js';
import { planCapacity } from './planner.js';

/** One POP's demand at the logs' busiest window against its capacity, now and with some POPs drained. */
export interface CapacityRow {
  readonly pop: string;
  readonly capacity: number | undefined;
  readonly demand: number;
  /** With `without`: the demand it would take with those POPs drained, each prefix at its next POP. */
  readonly projected: number | undefined;
}

/** Where each prefix's peak demand lands with no plan: now, and with `drained` out (the summary's what-if). */
export function capacityProjection(peak: PeakDemand, capacity: ReadonlyMap<string, number>, drained: readonly string[]): CapacityRow[] {
  const now = planCapacity({ prefixes: peak.prefixes, capacity: new Map() });
  const then = drained.length > 0 ? planCapacity({ prefixes: peak.prefixes, capacity: new Map(), out: new Set(drained) }) : undefined;
  const pops = [...new Set([...capacity.keys(), ...now.pops.map((p) => p.pop)])];
  return pops.map((pop) => ({
    pop,
    capacity: capacity.get(pop),
    demand: now.pops.find((p) => p.pop === pop)?.before ?? 0,
    projected: then ? (then.pops.find((p) => p.pop === pop)?.before ?? 0) : undefined,
  }));
}
