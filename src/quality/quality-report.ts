import { CLIENT_BLOCK_LENGTH, type Prefix } from '../core/prefix.js';
import { blockPrefix, type PrefixSamples, type RttSamples, type RttTally } from './rtt-tally.js';

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
  /**
   * The /24s (or /48s) inside a wider prefix that its kept samples can judge on their own (enough of
   * them at two POPs or more), worst first; their requests are estimated from the samples' share.
   */
  readonly blocks: readonly PrefixQuality[];
}

export interface QualityReport {
  readonly prefixes: readonly PrefixQuality[];
  readonly marginMs: number;
  readonly minSamples: number;
  readonly requests: number;
  /** Requests in prefixes (or in blocks of an unflagged prefix) sent to a POP at least the margin slower than the fastest measured one. */
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
    else for (const block of quality.blocks) if (block.flagged) slowRequests += block.requests;
    if (quality.slowerByMs === undefined) unjudgedRequests += quality.requests;
  }
  prefixes.sort(worstFirst);
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

/** Worst first: flagged, then the requests a flag stands for times how much slower, then the most requests. */
function worstFirst(a: PrefixQuality, b: PrefixQuality): number {
  return (
    Number(b.flagged) - Number(a.flagged) ||
    b.requests * (b.slowerByMs ?? 0) - a.requests * (a.slowerByMs ?? 0) ||
    b.requests - a.requests ||
    (a.prefix.network < b.prefix.network ? -1 : a.prefix.network > b.prefix.network ? 1 : a.prefix.length - b.prefix.length)
  );
}

function judge(entry: PrefixSamples, rules: QualityRules): PrefixQuality {
  const pops = [...entry.byPop].map(([pop, samples]) => measured(pop, samples.count, kept(samples)));
  return { ...compare(entry.prefix, entry.chosen, entry.requests, pops, rules), blocks: blocksOf(entry, rules) };
}

function compare(prefix: Prefix, chosenPop: string, requests: number, pops: PopRtt[], rules: QualityRules): Omit<PrefixQuality, 'blocks'> {
  pops.sort((a, b) => a.medianMs - b.medianMs || (a.pop < b.pop ? -1 : a.pop > b.pop ? 1 : 0));
  const judged = pops.filter((p) => p.samples >= rules.minSamples);
  const chosen = judged.find((p) => p.pop === chosenPop);
  const fastest = judged.length >= 2 ? judged[0] : undefined;
  const slowerByMs = chosen && fastest ? chosen.medianMs - fastest.medianMs : undefined;
  return {
    prefix,
    chosen: chosenPop,
    requests,
    pops,
    fastest: fastest?.pop,
    slowerByMs,
    flagged: slowerByMs !== undefined && slowerByMs >= rules.marginMs,
  };
}

/**
 * A wide prefix's blocks that its kept samples judge on their own: the kept samples are a uniform
 * draw of each POP's requests, so a block's share of them estimates its share of the requests.
 */
function blocksOf(entry: PrefixSamples, rules: QualityRules): PrefixQuality[] {
  const family = entry.prefix.family;
  if (entry.prefix.length >= CLIENT_BLOCK_LENGTH[family] || entry.byPop.size < 2) return [];
  const byBlock = new Map<number, Array<{ pop: string; rtts: number[]; requests: number }>>();
  for (const [pop, samples] of entry.byPop) {
    const n = Math.min(samples.count, samples.kept.length);
    const weight = samples.count / n;
    const here = new Map<number, { pop: string; rtts: number[]; requests: number }>();
    for (let i = 0; i < n; i++) {
      const block = samples.blocks[i]!;
      let at = here.get(block);
      if (!at) {
        at = { pop, rtts: [], requests: 0 };
        here.set(block, at);
        const list = byBlock.get(block);
        if (list) list.push(at);
        else byBlock.set(block, [at]);
      }
      at.rtts.push(samples.kept[i]!);
      at.requests += weight;
    }
  }
  // All of a prefix's clients in one block: the prefix's own row says it all.
  if (byBlock.size < 2) return [];
  const blocks: PrefixQuality[] = [];
  for (const [block, atPops] of byBlock) {
    if (atPops.filter((p) => p.rtts.length >= rules.minSamples).length < 2) continue;
    const pops = atPops.map((p) => measured(p.pop, p.rtts.length, Float32Array.from(p.rtts).sort()));
    const requests = Math.round(atPops.reduce((n, p) => n + p.requests, 0));
    blocks.push({ ...compare(blockPrefix(family, block), entry.chosen, requests, pops, rules), blocks: [] });
  }
  return blocks.sort(worstFirst);
}

function kept(samples: RttSamples): Float32Array {
  return samples.kept.slice(0, Math.min(samples.count, samples.kept.length)).sort();
}

function measured(pop: string, samples: number, sorted: Float32Array): PopRtt {
  return { pop, samples, medianMs: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9) };
}

/** The nearest-rank quantile of sorted samples. */
function quantile(sorted: Float32Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
