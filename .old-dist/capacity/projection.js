import { planCapacity } from './planner.js';
/** Where each prefix's peak demand lands with no plan: now, and with `drained` out (the summary's what-if). */
export function capacityProjection(peak, capacity, drained) {
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
//# sourceMappingURL=projection.js.map