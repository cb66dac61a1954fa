import type { Prefix } from '../core/prefix.js';
import type { PrefixSamples, RttSamples, RttTally } from './rtt-tally.js';

/** How a POP measured for one prefix's clients. */
export interface PopRtt {
  readonly pop: string;
  readonly samples: number;
  readonly medianMs: number;
  readonly p90Ms: number;
}

export interface PrefixQuality {
  readonly prefix: Prefix;
  readonly chosen: string;
  readonly requests: number;
  /** Each POP that served the prefix's clients, fastest median first. */
  readonly pops: readonly PopRtt[];
  /** The POP measured fastest on enough samples, when another is measured on enough too. */
  readonly fastest: string | undefined;
  /** The chosen POP's median minus the fastest one's, when both have enough samples. */
  readonly slowerByMs: number | undefined;
  /** Another POP is at least the margin faster than the chosen one, on enough samples at each. */
  readonly flagged: boolean;
}

export interface QualityReport {
  readonly prefixes: readonly PrefixQuality[];
  readonly marginMs: number;
  readonly minSamples: number;
  readonly requests: number;
  /** Requests in prefixes sent to a POP at least the margin slower than the fastest measured one. */
  readonly slowRequests: number;
  /** Requests in prefixes whose chosen POP, or no other POP, has enough samples to judge. */
  readonly unjudgedRequests: number;
  readonly withoutRtt: number;
  readonly withoutServer: number;
}

export interface QualityRules {
  /** A POP this much faster (ms, by median) is worth flagging (default 20). */
  readonly marginMs: number;
  /** Samples each of the two POPs needs before they are compared (default 50). */
  readonly minSamples: number;
}

/** Per deciding prefix: each POP's median and 90th percentile, and whether the chosen POP is measurably slow. Pure. */
export function qualityReport(tally: RttTally, rules: QualityRules): QualityReport {
  const prefixes: PrefixQuality[] = [];
  let requests = 0;
  let slowRequests = 0;
  let unjudgedRequests = 0;
  for (const entry of tally.prefixes) {
    const quality = judge(entry, rules);
    prefixes.push(quality);
    requests += quality.requests;
    if (quality.flagged) slowRequests += quality.requests;
    if (quality.slowerByMs === undefined) unjudgedRequests += quality.requests;
  }
  // Worst first: the requests a flag stands for, then how much slower.
  prefixes.sort(
    (a, b) =>
      Number(b.flagged) - Number(a.flagged) ||
      b.requests * (b.slowerByMs ?? 0) - a.requests * (a.slowerByMs ?? 0) ||
      b.requests - a.requests ||
      (a.prefix.network < b.prefix.network ? -1 : a.prefix.network > b.prefix.network ? 1 : a.prefix.length - b.prefix.length),
  );
  return {
    prefixes,
    marginMs: rules.marginMs,
    minSamples: rules.minSamples,
    requests,
    slowRequests,
    unjudgedRequests,
    withoutRtt: tally.withoutRtt,
    withoutServer: tally.withoutServer,
  };
}

function judge(entry: PrefixSamples, rules: QualityRules): PrefixQuality {
  const pops = [...entry.byPop].map(([pop, samples]) => measured(pop, samples));
  pops.sort((a, b) => a.medianMs - b.medianMs || (a.pop < b.pop ? -1 : a.pop > b.pop ? 1 : 0));
  const judged = pops.filter((p) => p.samples >= rules.minSamples);
  const chosen = judged.find((p) => p.pop === entry.chosen);
  const fastest = judged.length >= 2 ? judged[0] : undefined;
  const slowerByMs = chosen && fastest ? chosen.medianMs - fastest.medianMs : undefined;
  return {
    prefix: entry.prefix,
    chosen: entry.chosen,
    requests: entry.requests,
    pops,
    fastest: fastest?.pop,
    slowerByMs,
    flagged: slowerByMs !== undefined && slowerByMs >= rules.marginMs,
  };
}

function measured(pop: string, samples: RttSamples): PopRtt {
  const sorted = samples.kept.slice(0, Math.min(samples.count, samples.kept.length)).sort();
  return { pop, samples: samples.count, medianMs: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9) };
}

/** The nearest-rank quantile of sorted samples. */
function quantile(sorted: Float32Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
