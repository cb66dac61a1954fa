import { formatPrefix, type Prefix, truncatePrefix } from '../core/prefix.js';
import { planDiff, type PlanDiff } from './plan-diff.js';
import { type Plan, type PlanInput, planCapacity } from './planner.js';
import type { RecentDemand } from './sliding-demand.js';

/** A plan line in force: clients inside `prefix` go to `pop` while it can take them. */
export interface LineInForce {
  readonly prefix: Prefix;
  readonly pop: string;
}

export interface CycleInput {
  readonly demand: RecentDemand;
  readonly capacity: ReadonlyMap<string, number>;
  /** POPs that cannot take clients now. */
  readonly out: ReadonlySet<string>;
  readonly highWatermark: number;
  readonly lowWatermark: number;
  /** The most of the demand one apply may send somewhere new (a share). */
  readonly maxMove: number;
  readonly inForce: readonly LineInForce[];
}

/** `apply`: the plan changes what is in force, within max_move; `unchanged`: it does not; `over-max-move`: it would move too much at once. */
export type CycleAction = 'apply' | 'unchanged' | 'over-max-move';

export interface CycleOutcome {
  readonly plan: Plan;
  readonly diff: PlanDiff;
  readonly action: CycleAction;
  /** The share of the demand the plan sends somewhere new. */
  readonly movedShare: number;
  /** Per POP: the demand it carries now, each block where the plan in force sends it. */
  readonly measured: ReadonlyMap<string, number>;
}

/** One turn of the loop: the plan for the recent demand, the plan in force its start, and whether to apply it. Pure. */
export function planCycle(input: CycleInput): CycleOutcome {
  const planInput: PlanInput = {
    prefixes: input.demand.prefixes,
    capacity: input.capacity,
    out: input.out,
    highWatermark: input.highWatermark,
    lowWatermark: input.lowWatermark,
    previous: input.inForce,
  };
  const plan = planCapacity(planInput);
  const diff = planDiff(input.inForce, plan.moves, input.demand.prefixes);
  const movedShare = plan.totalDemand > 0 ? diff.moved / plan.totalDemand : 0;
  const action: CycleAction =
    diff.added.length === 0 && diff.returned.length === 0 ? 'unchanged' : movedShare > input.maxMove + 1e-9 ? 'over-max-move' : 'apply';
  return { plan, diff, action, movedShare, measured: loadInForce(input) };
}

/** Each block's demand at the POP the plan in force sends it to (the longest line covering it whose POP is not out), else its nearest POP not out. */
export function loadInForce(input: Pick<CycleInput, 'demand' | 'out' | 'inForce'>): Map<string, number> {
  const lines = new Map(input.inForce.map((l) => [formatPrefix(l.prefix), l.pop]));
  const shortest = Math.min(...input.inForce.map((l) => l.prefix.length));
  const load = new Map<string, number>();
  for (const p of input.demand.prefixes) {
    const nearest = p.ranking.find((r) => !input.out.has(r.answer))?.answer;
    const blocks = p.leaves.length > 0 ? p.leaves : [{ prefix: p.prefix, demand: p.demand }];
    for (const block of blocks) {
      let pop = nearest;
      for (let length = block.prefix.length; lines.size > 0 && length >= shortest; length--) {
        const planned = lines.get(formatPrefix(truncatePrefix(block.prefix, length)));
        if (planned !== undefined && !input.out.has(planned)) {
          pop = planned;
          break;
        }
      }
      if (pop !== undefined) load.set(pop, (load.get(pop) ?? 0) + block.demand);
    }
  }
  return load;
}
