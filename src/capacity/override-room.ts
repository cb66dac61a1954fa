import type { PlannedPrefixes } from '../core/planned-prefixes.js';
import { formatPrefix, type Prefix } from '../core/prefix.js';
import type { PeakDemand } from './demand.js';

/** A part of the demand (a prefix, or one of its /24s) and the POP it is at now. */
interface Unit {
  readonly demand: number;
  pop: string;
  /** A plan line decides it: an override beneath does not move it. */
  readonly planned: boolean;
}

/**
 * The room latency overrides have, from the logs' busiest window: each prefix's demand (each /24 of it
 * apart, where the logs give them) starts where the answers send it now (a plan line, else an
 * override in force, else the first POP of its ranking that can take clients); an override taken
 * moves the demand it covers off the POP it was at and onto its own, unless that POP would be over
 * `highWatermark` of its capacity. A POP with no capacity always has room. Pure.
 */
export function overrideRoom(
  peak: PeakDemand | undefined,
  capacity: ReadonlyMap<string, number>,
  highWatermark: number,
  answering: PlannedPrefixes,
  canServe: (pop: string) => boolean,
  nowMs: number,
): (pop: string, prefix: Prefix) => boolean {
  if (capacity.size === 0 || !peak) return () => true;
  const load = new Map<string, number>();
  const unitsOf = new Map<string, Unit[]>();
  for (const p of peak.prefixes) {
    const natural = p.ranking.find((r) => canServe(r.answer))?.answer ?? p.ranking[0]?.answer;
    if (natural === undefined) continue;
    const parts = p.leaves.length > 1 ? p.leaves : [{ prefix: p.prefix, demand: p.demand }];
    const whole: Unit[] = [];
    for (const part of parts) {
      const entry = answering.covering(part.prefix, nowMs);
      const unit: Unit = { demand: part.demand, pop: entry?.pop ?? natural, planned: entry !== undefined && entry.latency !== true };
      load.set(unit.pop, (load.get(unit.pop) ?? 0) + unit.demand);
      whole.push(unit);
      if (parts.length > 1) unitsOf.set(formatPrefix(part.prefix), [unit]);
    }
    unitsOf.set(formatPrefix(p.prefix), whole);
  }
  return (pop, prefix) => {
    const moving = (unitsOf.get(formatPrefix(prefix)) ?? []).filter((u) => !u.planned && u.pop !== pop);
    const extra = moving.reduce((n, u) => n + u.demand, 0);
    const limit = capacity.get(pop);
    if (limit !== undefined && (load.get(pop) ?? 0) + extra > limit * highWatermark) return false;
    for (const unit of moving) {
      load.set(unit.pop, (load.get(unit.pop) ?? 0) - unit.demand);
      load.set(pop, (load.get(pop) ?? 0) + unit.demand);
      unit.pop = pop;
    }
    return true;
  };
}
