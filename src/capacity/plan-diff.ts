import { formatPrefix, prefixCovers, type Prefix, truncatePrefix } from '../core/prefix.js';
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

/** The lines in force, asked which POP they send a block to: the longest line covering it, if any. */
export class LinesInForce {
  readonly #lines: Map<number | string, string>;
  readonly #shortest: number;

  constructor(lines: ReadonlyArray<{ readonly prefix: Prefix; readonly pop: string }>) {
    this.#lines = new Map(lines.map((l) => [keyOf(l.prefix), l.pop]));
    this.#shortest = Math.min(...lines.map((l) => l.prefix.length));
  }

  /** The POP the longest line covering `block` names, skipping lines whose POP `skip` says cannot take it. */
  popOf(block: Prefix, skip?: (pop: string) => boolean): string | undefined {
    for (let length = block.length; this.#lines.size > 0 && length >= this.#shortest; length--) {
      const pop = this.#lines.get(keyOf(truncatePrefix(block, length)));
      if (pop !== undefined && !skip?.(pop)) return pop;
    }
    return undefined;
  }
}

/** A prefix as a map key: a number for IPv4 (asked once per block and length), its text for IPv6. */
function keyOf(prefix: Prefix): number | string {
  return prefix.family === 4 ? prefix.length * 2 ** 32 + prefix.network : formatPrefix(prefix);
}

/** A move as one move per block (/24, /48) of measured demand inside it, largest first; itself when it has one or none. */
export function blocksOf(move: PlannedMove, deciding: PrefixDemand | undefined): PlannedMove[] {
  const { leaves } = leavesWithin(move.prefix, deciding?.leaves ?? []);
  if (leaves.length <= 1) return [move];
  return leaves.map((leaf) => ({ ...move, prefix: leaf.prefix, demand: leaf.demand })).sort((a, b) => b.demand - a.demand);
}

/**
 * The moves of a new plan against the lines in force (prefix → POP): the same line kept, any other
 * added or returned. What is moved counts blocks, not lines: a line joined from halves, one of them in
 * force already, moves only the other.
 */
export function planDiff(
  inForce: ReadonlyArray<{ readonly prefix: Prefix; readonly pop: string }>,
  moves: readonly PlannedMove[],
  prefixes: readonly PrefixDemand[],
): PlanDiff {
  const key = (prefix: Prefix, pop: string): string => `${formatPrefix(prefix)} ${pop.toLowerCase()}`;
  const now = new Map(moves.map((m) => [key(m.prefix, m.to), m]));
  const before = new Map(inForce.map((e) => [key(e.prefix, e.pop), e]));
  const lines = new LinesInForce(inForce);
  const deciding = new Map(prefixes.map((p) => [formatPrefix(p.prefix), p]));
  const added: PlanLine[] = [];
  const kept: PlanLine[] = [];
  let moved = 0;
  for (const [k, m] of now) {
    const line = { prefix: m.prefix, pop: m.to, demand: m.demand };
    if (before.has(k)) {
      kept.push(line);
      continue;
    }
    added.push(line);
    for (const block of blocksOf(m, deciding.get(formatPrefix(m.decidingPrefix))))
      if (lines.popOf(block.prefix) !== m.to) moved += block.demand;
  }
  const returned: PlanLine[] = [];
  for (const [k, e] of before) if (!now.has(k)) returned.push({ prefix: e.prefix, pop: e.pop, demand: demandWithin(e.prefix, prefixes) });
  return { added, kept, returned, moved };
}
