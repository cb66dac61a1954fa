import { formatPrefix, prefixCovers, type Prefix } from '../core/prefix.js';
import { leavesWithin } from './demand-item.js';
import type { PlannedMove, PrefixDemand } from './planner.js';

/** One line of a plan, with the demand the window measured inside its prefix. */
export interface PlanLine {
  readonly prefix: Prefix;
  readonly pop: string;
  readonly demand: number;
}

/** A plan line as JSON has it (the report, the audit file). */
export function planLineRecord(line: PlanLine): { prefix: string; pop: string; demand: number } {
  return { prefix: formatPrefix(line.prefix), pop: line.pop, demand: line.demand };
}

/** A new plan against the plan in force: what it adds, keeps and returns to the routes. */
export interface PlanDiff {
  readonly added: readonly PlanLine[];
  readonly kept: readonly PlanLine[];
  readonly returned: readonly PlanLine[];
  /** The demand an apply would send somewhere new: the added lines'. */
  readonly moved: number;
}

/** The demand the window measured inside `prefix`: whole deciding prefixes within it, and the leaves of those around it. */
export function demandWithin(prefix: Prefix, prefixes: readonly PrefixDemand[]): number {
  let demand = 0;
  for (const p of prefixes) {
    if (prefixCovers(prefix, p.prefix)) demand += p.demand;
    else if (prefixCovers(p.prefix, prefix))
      demand += p.leaves.length > 0 ? leavesWithin(prefix, p.leaves).demand : prefix.length === p.prefix.length ? p.demand : 0;
  }
  return demand;
}

/** The moves of a new plan against the lines in force (prefix → POP): the same line kept, any other added or returned. */
export function planDiff(
  inForce: ReadonlyArray<{ readonly prefix: Prefix; readonly pop: string }>,
  moves: readonly PlannedMove[],
  prefixes: readonly PrefixDemand[],
): PlanDiff {
  const key = (prefix: Prefix, pop: string): string => `${formatPrefix(prefix)} ${pop.toLowerCase()}`;
  const now = new Map(moves.map((m) => [key(m.prefix, m.to), { prefix: m.prefix, pop: m.to, demand: m.demand }]));
  const before = new Map(inForce.map((e) => [key(e.prefix, e.pop), e]));
  const added: PlanLine[] = [];
  const kept: PlanLine[] = [];
  for (const [k, line] of now) (before.has(k) ? kept : added).push(line);
  const returned: PlanLine[] = [];
  for (const [k, e] of before) if (!now.has(k)) returned.push({ prefix: e.prefix, pop: e.pop, demand: demandWithin(e.prefix, prefixes) });
  return { added, kept, returned, moved: added.reduce((sum, l) => sum + l.demand, 0) };
}
