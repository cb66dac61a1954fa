import { formatPrefix, type Prefix } from '../core/prefix.js';
import type { PrefixDemand } from './planner.js';

/**
 * The demand with each prefix a latency override sends elsewhere starting at that POP (while it can
 * take clients): the planner sees where its clients are now, keeps them there while the POP has room,
 * and moves them on (a plan line, which wins over the override) only when it is over. An overridden
 * /24 (or /48) of a wider prefix becomes a prefix of its own. Pure.
 */
export function startAtOverrides(
  prefixes: readonly PrefixDemand[],
  overrides: ReadonlyArray<{ readonly prefix: Prefix; readonly pop: string }>,
  out: ReadonlySet<string>,
): readonly PrefixDemand[] {
  if (overrides.length === 0) return prefixes;
  const popOf = new Map(overrides.filter((o) => !out.has(o.pop)).map((o) => [formatPrefix(o.prefix), o.pop]));
  if (popOf.size === 0) return prefixes;
  return prefixes.flatMap((p) => {
    const pop = popOf.get(formatPrefix(p.prefix));
    if (pop !== undefined) return [startAt(p, pop)];
    // A /24 (or /48) overridden alone inside a wider prefix starts apart from the rest of it.
    const apart = p.leaves.filter((leaf) => popOf.has(formatPrefix(leaf.prefix)));
    if (apart.length === 0) return [p];
    const rest = p.leaves.filter((leaf) => !apart.includes(leaf));
    const restDemand = rest.reduce((n, leaf) => n + leaf.demand, 0);
    return [
      ...(rest.length > 0 ? [{ ...p, demand: restDemand, leaves: rest.length > 1 ? rest : [] }] : []),
      ...apart.map((leaf) =>
        startAt({ prefix: leaf.prefix, ranking: p.ranking, demand: leaf.demand, leaves: [] }, popOf.get(formatPrefix(leaf.prefix))!),
      ),
    ];
  });
}

/** The prefix with `pop` first in its ranking. */
function startAt(p: PrefixDemand, pop: string): PrefixDemand {
  if (p.ranking[0]?.answer === pop) return p;
  const there = p.ranking.find((entry) => entry.answer === pop) ?? { answer: pop, asn: undefined, hops: p.ranking[0]?.hops ?? 0 };
  return { ...p, ranking: [there, ...p.ranking.filter((entry) => entry.answer !== pop)] };
}
