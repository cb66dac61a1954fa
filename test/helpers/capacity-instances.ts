import { LinesInForce } from '../../src/capacity/plan-diff.js';
import { loadInForce, planCycle } from '../../src/capacity/plan-cycle.js';
import { planCapacity, type PrefixDemand } from '../../src/capacity/planner.js';
import type { RankedPop } from '../../src/core/pop-ranking.js';
import { formatPrefix, prefixCovers, type Prefix } from '../../src/core/prefix.js';
import { minCostTransport } from './min-cost-flow.js';

/** Capacity planning instances, for the planner's tests and its benchmark: random, seeded, small enough to solve exactly. */

/** xorshift32: exact in 32-bit integers. */
export function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

/** A /20 with its 16 /24s, each with its own demand. */
export function prefixDemand(index: number, ranking: RankedPop[], leafDemands: readonly number[]): PrefixDemand {
  const base = (10 << 24) + index * 4096;
  const leaves = leafDemands.map((demand, i) => ({ prefix: { family: 4, network: (base + i * 256) >>> 0, length: 24 } as Prefix, demand }));
  return { prefix: { family: 4, network: base >>> 0, length: 20 }, ranking, demand: leafDemands.reduce((a, b) => a + b, 0), leaves };
}

export const MAX_LEAF = 20;

export interface Instance {
  readonly pops: readonly string[];
  readonly capacity: Map<string, number>;
  readonly prefixes: PrefixDemand[];
}

export function randomInstance(next: () => number): Instance {
  const popCount = 2 + Math.floor(next() * 4);
  const pops = Array.from({ length: popCount }, (_, i) => `pop${i}`);
  const prefixCount = 8 + Math.floor(next() * 23);
  const prefixes: PrefixDemand[] = [];
  let total = 0;
  for (let i = 0; i < prefixCount; i++) {
    const order = [...pops].sort(() => next() - 0.5);
    const reach = 1 + Math.floor(next() * popCount);
    let hops = 1 + Math.floor(next() * 3);
    const ranking: RankedPop[] = order.slice(0, reach).map((answer, k) => {
      if (k > 0) hops += Math.floor(next() * 3);
      return { answer, asn: 64600 + pops.indexOf(answer), hops };
    });
    const leaves = Array.from({ length: 16 }, () => 1 + Math.floor(next() * (MAX_LEAF - 1)));
    const demand = prefixDemand(i, ranking, leaves);
    total += demand.demand;
    prefixes.push(demand);
  }
  const load = 0.5 + next() * 0.7;
  const weights = pops.map(() => 0.5 + next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const capacity = new Map(pops.map((pop, i) => [pop, Math.round((total / load) * (weights[i]! / sum))]));
  return { pops, capacity, prefixes };
}

/** `margin`: taken off each POP's limit. */
export function optimum(instance: Instance, margin: number): ReturnType<typeof minCostTransport> {
  return minCostTransport({
    demand: instance.prefixes.map((d) => d.demand),
    cost: instance.prefixes.map((d) => {
      const home = d.ranking[0]!.hops;
      return instance.pops.map((pop) => {
        const entry = d.ranking.find((r) => r.answer === pop);
        return entry ? Math.max(0, entry.hops - home) : undefined;
      });
    }),
    limit: instance.pops.map((pop) => instance.capacity.get(pop)! * 0.9 - margin),
  });
}

export interface DiurnalOutcome {
  /** Plans made (one every five minutes over three days). */
  readonly plans: number;
  readonly moves: number;
  /** The highest share of its capacity any POP was left at by any plan. */
  readonly worstLoad: number;
  /** Over each /24's measured day: the most times one changed POP. */
  readonly mostChanges: number;
  /** The shortest time a /24 spent at a POP before going back to the one it came from; Infinity if none did. */
  readonly quickestReturnMinutes: number;
}

/**
 * Three regions whose demand follows the sun 8 hours apart, 60 /20s of 16 /24s each, capacity 800,
 * replanned every five minutes with the previous plan in force over three days; each /24's second day,
 * from its own quietest hour, is measured.
 */
export function diurnalTrace(options: { lowWatermark?: number } = {}): DiurnalOutcome {
  const next = random(424242);
  const regions = ['a', 'b', 'c'];
  const prefixes: Array<{ ranking: RankedPop[]; leaves: number[]; phase: number }> = [];
  for (let i = 0; i < 60; i++) {
    const home = regions[i % 3]!;
    const others = regions.filter((r) => r !== home).sort(() => next() - 0.5);
    prefixes.push({
      ranking: [
        { answer: home, asn: 1, hops: 2 },
        { answer: others[0]!, asn: 2, hops: 3 + Math.floor(next() * 2) },
        { answer: others[1]!, asn: 3, hops: 5 },
      ],
      leaves: Array.from({ length: 16 }, () => 1 + next() * 4),
      phase: (i % 3) * 8,
    });
  }
  const capacity = new Map(regions.map((r) => [r, 800]));
  const history = new Map<string, Array<{ at: number; pop: string }>>();
  let previous: Array<{ prefix: Prefix; pop: string }> = [];
  let moves = 0;
  let plans = 0;
  let worstLoad = 0;
  for (let minute = 0; minute < 72 * 60; minute += 5) {
    const hour = minute / 60;
    const demands = prefixes.map((d, i) => {
      const level = 0.55 + 0.45 * Math.sin((2 * Math.PI * (hour - d.phase)) / 24);
      return prefixDemand(
        i,
        d.ranking,
        d.leaves.map((v) => v * level * (0.98 + next() * 0.04)),
      );
    });
    const plan = planCapacity({ prefixes: demands, capacity, previous, ...options });
    plans++;
    for (const load of plan.pops) worstLoad = Math.max(worstLoad, load.after / 800);
    previous = plan.moves.map((m) => ({ prefix: m.prefix, pop: m.to }));
    moves += plan.moves.length;
    for (const [i, d] of demands.entries()) {
      const quietest = 24 * 60 + ((prefixes[i]!.phase + 18) % 24) * 60;
      if (minute < quietest || minute >= quietest + 24 * 60) continue;
      for (const leaf of d.leaves) {
        const move = plan.moves.find((m) => prefixCovers(m.prefix, leaf.prefix));
        const pop = move ? move.to : prefixes[i]!.ranking[0]!.answer;
        const key = formatPrefix(leaf.prefix);
        const seen = history.get(key) ?? [];
        if (seen.length === 0 || seen[seen.length - 1]!.pop !== pop) seen.push({ at: minute, pop });
        history.set(key, seen);
      }
    }
  }
  let mostChanges = 0;
  let quickestReturnMinutes = Number.POSITIVE_INFINITY;
  for (const seen of history.values()) {
    mostChanges = Math.max(mostChanges, seen.length - 1);
    for (let k = 1; k < seen.length - 1; k++)
      if (seen[k + 1]!.pop === seen[k - 1]!.pop) quickestReturnMinutes = Math.min(quickestReturnMinutes, seen[k + 1]!.at - seen[k]!.at);
  }
  return { plans, moves, worstLoad, mostChanges, quickestReturnMinutes };
}

/** A small instance of indivisible blocks: /22s of one to four /24s of very unequal size, each /24 moving whole. */
export function blockInstance(next: () => number): Instance {
  const pops = Array.from({ length: 2 + Math.floor(next() * 2) }, (_, i) => `pop${i}`);
  const prefixes: PrefixDemand[] = [];
  let total = 0;
  let blocks = 0;
  for (let i = 0; blocks < 12 && i < 3 + Math.floor(next() * 6); i++) {
    const order = [...pops].sort(() => next() - 0.5);
    const reach = 1 + Math.floor(next() * pops.length);
    let hops = 1 + Math.floor(next() * 3);
    const ranking: RankedPop[] = order.slice(0, reach).map((answer, k) => {
      if (k > 0) hops += 1 + Math.floor(next() * 3);
      return { answer, asn: 64600 + pops.indexOf(answer), hops };
    });
    const count = Math.min(12 - blocks, next() < 0.6 ? 1 : 2 + Math.floor(next() * 3));
    blocks += count;
    // A few big blocks and many small.
    const demands = Array.from({ length: count }, () => Math.round(1 + next() ** 3 * 99));
    const base = (10 << 24) + i * 1024;
    const leaves = demands.map((demand, k) => ({ prefix: { family: 4, network: (base + k * 256) >>> 0, length: 24 } as Prefix, demand }));
    const demand = demands.reduce((a, b) => a + b, 0);
    const prefix: Prefix = count === 1 ? leaves[0]!.prefix : { family: 4, network: base >>> 0, length: 22 };
    prefixes.push({ prefix, ranking, demand, leaves });
    total += demand;
  }
  const load = 0.6 + next() * 0.6;
  const capacity = new Map(pops.map((pop) => [pop, Math.round((total / load / pops.length) * (0.5 + next()))]));
  return { pops, capacity, prefixes };
}

/**
 * Every assignment of each /24 to a POP its prefix reaches: the least cost (Σ demand × extra hops)
 * that keeps every POP within `limit`, or undefined when none does. Exhaustive, for small instances.
 */
export function exactOptimum(instance: Instance, limit: (pop: string) => number): number | undefined {
  const blocks = instance.prefixes.flatMap((d) => d.leaves.map((leaf) => ({ demand: leaf.demand, ranking: d.ranking })));
  blocks.sort((a, b) => b.demand - a.demand);
  let best: number | undefined;
  const load = new Map(instance.pops.map((p) => [p, 0]));
  const visit = (i: number, cost: number): void => {
    if (best !== undefined && cost >= best) return;
    if (instance.pops.some((p) => load.get(p)! > limit(p) + 1e-9)) return;
    if (i === blocks.length) {
      best = cost;
      return;
    }
    const block = blocks[i]!;
    const home = block.ranking[0]!.hops;
    for (const r of block.ranking) {
      load.set(r.answer, load.get(r.answer)! + block.demand);
      visit(i + 1, cost + (r.hops - home) * block.demand);
      load.set(r.answer, load.get(r.answer)! - block.demand);
    }
  };
  visit(0, 0);
  return best;
}

export interface LoopOutcome {
  readonly turns: number;
  /** The most times one /24 changed POP within one hour of the trace. */
  readonly mostChangesPerHour: number;
  /** The longest run of turns a POP spent above its high watermark, in turns. */
  readonly longestOverTurns: number;
  /** After the largest POP is lost (from the loss hour, for an hour): whether the others had room at 95 %, and the highest use among them from the second turn on. */
  readonly loss: { readonly pop: string; readonly othersHaveRoom: boolean; readonly worstUse: number };
  readonly applied: number;
}

/**
 * The loop of --serve over a simulated day: three regions whose demand follows the sun 8 hours apart,
 * 60 /20s of 16 /24s each, a turn every `intervalSeconds` on the demand of the last `windowSeconds`,
 * counted as requests are (Poisson noise on each /24's count), planned with the plan in force as its
 * start and applied within max_move 30 %. At `lossHour` the POP with the most demand is lost for an
 * hour. Load is judged on the true demand, each /24 where the plan in force sends it.
 */
export function closedLoopTrace(options: { intervalSeconds: number; windowSeconds: number; hours: number; lossHour: number }): LoopOutcome {
  const next = random(987654);
  const regions = ['a', 'b', 'c'];
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const sources = Array.from({ length: 60 }, (_, i) => {
    const home = regions[i % 3]!;
    const others = regions.filter((r) => r !== home).sort(() => next() - 0.5);
    return {
      ranking: [
        { answer: home, asn: 1, hops: 2 },
        { answer: others[0]!, asn: 2, hops: 3 + Math.floor(next() * 2) },
        { answer: others[1]!, asn: 3, hops: 5 },
      ] as RankedPop[],
      // 2 to 10 requests a second per /24 at the daily peak: some 1,500 a second per POP.
      leaves: Array.from({ length: 16 }, () => 2 + next() * 8),
      phase: (i % 3) * 8,
    };
  });
  const CAPACITY = 1700;
  const capacity = new Map(regions.map((r) => [r, CAPACITY]));
  const trueDemand = (seconds: number) =>
    sources.map((s, i) => {
      const level = 0.55 + 0.45 * Math.sin((2 * Math.PI * (seconds / 3600 - s.phase)) / 24);
      return prefixDemand(
        i,
        s.ranking,
        s.leaves.map((v) => v * level),
      );
    });
  let inForce: Array<{ prefix: Prefix; pop: string }> = [];
  const history = new Map<string, Array<{ hour: number; pop: string }>>();
  const overRun = new Map(regions.map((r) => [r, 0]));
  let longestOverTurns = 0;
  let turns = 0;
  let applied = 0;
  let lost = '';
  let othersHaveRoom = true;
  let worstUse = 0;
  let turnsSinceLoss = -1;
  for (let t = 0; t < options.hours * 3600; t += options.intervalSeconds) {
    const hour = Math.floor(t / 3600);
    const now = trueDemand(t);
    if (hour === options.lossHour && lost === '') {
      const load = new Map<string, number>();
      for (const p of now) load.set(p.ranking[0]!.answer, (load.get(p.ranking[0]!.answer) ?? 0) + p.demand);
      lost = [...load].sort((x, y) => y[1] - x[1])[0]![0];
      const total = [...load.values()].reduce((s, v) => s + v, 0);
      othersHaveRoom = total <= (regions.length - 1) * CAPACITY * 0.95;
      turnsSinceLoss = 0;
    }
    const out = new Set(lost !== '' && hour < options.lossHour + 1 ? [lost] : []);
    // What the window counted: each /24's requests over the window, with the noise of counting them.
    const counted = trueDemand(t - options.windowSeconds / 2).map((p) => {
      const leaves = p.leaves.map((l) => {
        const expected = l.demand * options.windowSeconds;
        return { prefix: l.prefix, demand: Math.max(0, Math.round(expected + gauss() * Math.sqrt(expected))) / options.windowSeconds };
      });
      return { ...p, leaves, demand: leaves.reduce((s, l) => s + l.demand, 0) };
    });
    const outcome = planCycle({
      demand: { unit: 'requests', startSeconds: t - options.windowSeconds, endSeconds: t, total: 0, prefixes: counted, requests: 1 },
      capacity,
      out,
      highWatermark: 0.9,
      lowWatermark: 0.75,
      maxMove: 0.3,
      inForce,
    });
    turns++;
    if (outcome.action === 'apply' || outcome.action === 'capped') {
      inForce = outcome.moves.map((m) => ({ prefix: m.prefix, pop: m.to }));
      applied++;
    }
    const lines = new LinesInForce(inForce);
    const load = loadInForce({
      demand: { unit: 'requests', startSeconds: 0, endSeconds: 0, total: 0, prefixes: now, requests: 1 },
      out,
      inForce,
    });
    for (const region of regions) {
      const over = !out.has(region) && (load.get(region) ?? 0) > CAPACITY * 0.9 + 1e-9;
      overRun.set(region, over ? overRun.get(region)! + 1 : 0);
      longestOverTurns = Math.max(longestOverTurns, overRun.get(region)!);
      if (turnsSinceLoss >= 2 && out.size > 0 && !out.has(region)) worstUse = Math.max(worstUse, (load.get(region) ?? 0) / CAPACITY);
    }
    if (turnsSinceLoss >= 0) turnsSinceLoss++;
    for (const p of now) {
      const home = p.ranking.find((r) => !out.has(r.answer))!.answer;
      for (const leaf of p.leaves) {
        const pop = lines.popOf(leaf.prefix, (planned) => out.has(planned)) ?? home;
        const key = formatPrefix(leaf.prefix);
        const seen = history.get(key) ?? [];
        if (seen.length === 0 || seen[seen.length - 1]!.pop !== pop) seen.push({ hour, pop });
        history.set(key, seen);
      }
    }
  }
  let mostChangesPerHour = 0;
  for (const seen of history.values()) {
    const perHour = new Map<number, number>();
    for (const change of seen.slice(1)) perHour.set(change.hour, (perHour.get(change.hour) ?? 0) + 1);
    for (const n of perHour.values()) mostChangesPerHour = Math.max(mostChangesPerHour, n);
  }
  return { turns, mostChangesPerHour, longestOverTurns, loss: { pop: lost, othersHaveRoom, worstUse }, applied };
}

/** The same instance planned again with `plan` in force: a minimal, repeatable planner changes nothing. */
export function replanned(
  instance: Pick<Instance, 'prefixes' | 'capacity'>,
  plan: ReturnType<typeof planCapacity>,
): ReturnType<typeof planCapacity> {
  return planCapacity({
    prefixes: instance.prefixes,
    capacity: instance.capacity,
    previous: plan.moves.map((m) => ({ prefix: m.prefix, pop: m.to })),
  });
}
