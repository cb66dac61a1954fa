/**
 * The exact optimum a capacity plan is measured against: a min-cost flow from each deciding prefix
 * (its demand, divisible at will) to the POPs it can reach, each POP taking at most its limit.
 * Successive shortest paths with Bellman-Ford: small instances only (tens of prefixes, a few POPs).
 */
export interface TransportProblem {
  /** Demand of each prefix. */
  readonly demand: readonly number[];
  /** cost[p][q]: extra hops of sending prefix p to POP q; undefined: unreachable. */
  readonly cost: ReadonlyArray<ReadonlyArray<number | undefined>>;
  /** Each POP's limit; Infinity for none. */
  readonly limit: readonly number[];
}

export interface TransportSolution {
  /** Whether every prefix's whole demand could be placed. */
  readonly feasible: boolean;
  readonly cost: number;
}

interface Edge {
  readonly to: number;
  cap: number;
  readonly cost: number;
  readonly reverse: number;
}

export function minCostTransport(problem: TransportProblem): TransportSolution {
  const prefixes = problem.demand.length;
  const pops = problem.limit.length;
  const source = prefixes + pops;
  const sink = source + 1;
  const graph: Edge[][] = Array.from({ length: sink + 1 }, () => []);
  const add = (from: number, to: number, cap: number, cost: number): void => {
    graph[from]!.push({ to, cap, cost, reverse: graph[to]!.length });
    graph[to]!.push({ to: from, cap: 0, cost: -cost, reverse: graph[from]!.length - 1 });
  };
  let total = 0;
  for (let p = 0; p < prefixes; p++) {
    add(source, p, problem.demand[p]!, 0);
    total += problem.demand[p]!;
    for (let q = 0; q < pops; q++) {
      const c = problem.cost[p]![q];
      if (c !== undefined) add(p, prefixes + q, Number.POSITIVE_INFINITY, c);
    }
  }
  for (let q = 0; q < pops; q++) add(prefixes + q, sink, problem.limit[q]!, 0);

  let flow = 0;
  let cost = 0;
  const nodes = sink + 1;
  for (let guard = 0; guard < 100_000 && flow < total - 1e-9; guard++) {
    const dist = new Array<number>(nodes).fill(Number.POSITIVE_INFINITY);
    const prev: Array<[number, number] | undefined> = new Array(nodes).fill(undefined);
    dist[source] = 0;
    for (let pass = 0; pass < nodes; pass++) {
      let changed = false;
      for (let u = 0; u < nodes; u++) {
        if (dist[u] === Number.POSITIVE_INFINITY) continue;
        graph[u]!.forEach((e, i) => {
          if (e.cap > 1e-12 && dist[u]! + e.cost < dist[e.to]! - 1e-12) {
            dist[e.to] = dist[u]! + e.cost;
            prev[e.to] = [u, i];
            changed = true;
          }
        });
      }
      if (!changed) break;
    }
    if (dist[sink] === Number.POSITIVE_INFINITY) break;
    let push = Number.POSITIVE_INFINITY;
    for (let v = sink; v !== source; v = prev[v]![0]) push = Math.min(push, graph[prev[v]![0]]![prev[v]![1]]!.cap);
    for (let v = sink; v !== source; v = prev[v]![0]) {
      const e = graph[prev[v]![0]]![prev[v]![1]]!;
      e.cap -= push;
      graph[v]![e.reverse]!.cap += push;
    }
    flow += push;
    cost += push * dist[sink]!;
  }
  return { feasible: flow >= total - 1e-6, cost };
}
