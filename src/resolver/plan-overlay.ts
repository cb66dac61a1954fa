import type { ClientAddress } from '../core/address.js';
import type { PlanEntry, PlannedPrefixes } from '../core/planned-prefixes.js';
import { prefixCovers, type Prefix, widestPrefixAround } from '../core/prefix.js';

/** What the plan acts on in an answer: its POP and reason, the plan line it follows, and where other answers lie. */
export interface Overlaid {
  readonly answer: string;
  readonly reason: 'peer' | 'no-peer' | 'no-route' | 'plan' | 'latency';
  readonly plan?: PlanEntry;
  /** Set once the plan in force is folded in: nothing is left to apply. */
  readonly planned?: true;
  /** The answer as the routes gave it, before the plan was folded in. */
  readonly base?: this;
  readonly holes?: readonly Prefix[];
}

/** Whether a POP a plan line names can take clients now. */
export type CanServe = (answer: string) => boolean;

/**
 * One rule for the plan in force, on both of an answer's paths. Cached: `foldPlan` gives the entries
 * to cache for a prefix with the plan folded in (a line covering the prefix decides its answer, each
 * line inside it gets an entry of its own and is a hole in the prefix's; lines inside one of its
 * more-specific routes wait for that route's own answer). Not cached: `planOnAnswer` applies the line
 * covering the address and cuts the answer's reach at the plan's boundaries. Pure.
 */
export function foldPlan<T extends Overlaid>(
  prefix: Prefix,
  outcome: T,
  plan: PlannedPrefixes | undefined,
  canServe: CanServe,
  nowMs: () => number,
): Array<[Prefix, T]> {
  if (plan === undefined || plan.size === 0) return [[prefix, outcome]];
  // Marked as folded, so that answering it from the cache does not ask the plan again.
  if (!plan.touches(prefix)) return [[prefix, { ...outcome, planned: true, base: outcome }]];
  const now = plan.timed ? nowMs() : 0;
  const routeHoles = outcome.holes ?? [];
  const lines = plan.within(prefix).filter((line) => !routeHoles.some((hole) => prefixCovers(hole, line)));
  const entries: Array<[Prefix, T]> = lines.map((line) => {
    const inner = lines.filter((other) => other.length > line.length && prefixCovers(line, other));
    return [line, withPlan(outcome, plan.covering(line, now), inner, canServe)];
  });
  entries.push([prefix, withPlan(outcome, plan.covering(prefix, now), [...routeHoles, ...lines], canServe)]);
  return entries;
}

/** An outcome as the plan line `entry` (if any) answers it, with `holes` where other answers lie. */
function withPlan<T extends Overlaid>(outcome: T, entry: PlanEntry | undefined, holes: readonly Prefix[], canServe: CanServe): T {
  const serves = entry !== undefined && entry.pop !== outcome.answer && canServe(entry.pop);
  return {
    ...outcome,
    ...(serves ? { answer: entry.pop, reason: entry.latency ? ('latency' as const) : ('plan' as const) } : {}),
    ...(entry ? { plan: entry } : {}),
    planned: true,
    base: outcome,
    ...(holes.length > 0 ? { holes } : {}),
  };
}

/**
 * An answer not cached with the plan folded in, as the plan line covering `address` (if any) makes
 * it; undefined when the plan cannot change it (folded in already, or no line there), as for most.
 */
export function planOnAnswer(
  address: ClientAddress,
  outcome: Overlaid,
  validFor: Prefix,
  plan: PlannedPrefixes | undefined,
  canServe: CanServe,
  nowMs: () => number,
): { answer: string; reason: Overlaid['reason']; plan: PlanEntry | undefined; validFor: Prefix } | undefined {
  // Most answers lie where the plan has no line: one lookup says so, and nothing is made.
  if (outcome.planned === true || !plan?.touches(validFor)) return undefined;
  const line = plan.lookup(address, plan.timed ? nowMs() : 0);
  let reach = validFor;
  // The answer's reach stops at the plan's boundaries: a DNS scope never spans one.
  if (line && !prefixCovers(line.prefix, reach)) reach = line.prefix;
  const inside = plan.within(reach);
  if (inside.length > 0) reach = widestPrefixAround(address, reach, inside);
  const serves = line !== undefined && line.pop !== outcome.answer && canServe(line.pop);
  return {
    answer: serves ? line.pop : outcome.answer,
    reason: serves ? (line.latency ? 'latency' : 'plan') : outcome.reason,
    plan: line,
    validFor: reach,
  };
}
