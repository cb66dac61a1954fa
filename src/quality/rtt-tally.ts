import type { ClientAddress } from '../core/address.js';
import { CLIENT_BLOCK_LENGTH, formatPrefix, type Prefix, parsePrefix } from '../core/prefix.js';

/** Samples kept per prefix and POP: medians past this many come from a uniform sample of them all. */
export const KEPT_SAMPLES = 1024;

/** One prefix's round-trip times at each POP that served its clients. */
export interface PrefixSamples {
  readonly prefix: Prefix;
  /** The POP the answers send its clients to now. */
  readonly chosen: string;
  /** Requests counted: the prefix's demand. */
  requests: number;
  readonly byPop: Map<string, RttSamples>;
}

/** A POP's round-trip times for one prefix: how many were seen, and a uniform sample of them. */
export interface RttSamples {
  count: number;
  readonly kept: Float32Array;
  /** The /24 (or /48) of each kept sample's client, as a number: its network's top 24 (or 48) bits. */
  readonly blocks: Float64Array;
}

/** A client's /24 (or /48) as a number, exact in a double: what the report breaks a wide prefix into. */
export function blockOf(address: ClientAddress): number {
  return address.family === 4
    ? address.value >>> (32 - CLIENT_BLOCK_LENGTH[4])
    : Number(address.value >> BigInt(128 - CLIENT_BLOCK_LENGTH[6]));
}

/** The prefix a block number stands for. */
export function blockPrefix(family: 4 | 6, block: number): Prefix {
  return family === 4
    ? { family, network: (block * 2 ** (32 - CLIENT_BLOCK_LENGTH[4])) >>> 0, length: CLIENT_BLOCK_LENGTH[4] }
    : { family, network: BigInt(block) << BigInt(128 - CLIENT_BLOCK_LENGTH[6]), length: CLIENT_BLOCK_LENGTH[6] };
}

/** A tally as JSON: what `--summary --format json` writes on each POP, and `--quality` merges. */
export interface RttTallyJson {
  readonly without_rtt: number;
  readonly without_server: number;
  readonly prefixes: ReadonlyArray<{
    readonly prefix: string;
    readonly chosen: string;
    readonly requests: number;
    /** Each POP's count, and its kept samples' round trips (ms) and clients' blocks, in the same order. */
    readonly pops: ReadonlyArray<{ readonly pop: string; readonly count: number; readonly rtt_ms: number[]; readonly blocks: number[] }>;
  }>;
}

export class RttTallyJsonError extends Error {
  constructor(source: string, where: string, what: string) {
    super(`${source}: ${where} is not ${what}: make the file again with --summary --format json`);
    this.name = 'RttTallyJsonError';
  }
}

const HOST_NAME = /^[A-Za-z0-9.-]{1,253}$/;
const MAX_RTT_MS = 60_000;

/**
 * Round-trip times from access logs, by the deciding prefix of each client and the POP that served
 * it. Memory is bounded per prefix and POP (a reservoir of KEPT_SAMPLES); the reservoir draws from a
 * fixed seed, so the same logs give the same report.
 */
export class RttTally {
  readonly #prefixes = new Map<string, PrefixSamples>();
  readonly #byObject = new WeakMap<Prefix, PrefixSamples>();
  #seed = 0x9e3779b9;
  #lastPrefix: Prefix | undefined;
  #lastEntry: PrefixSamples | undefined;
  /** Lines answered that gave no round-trip time, or no POP that served them. */
  withoutRtt = 0;
  withoutServer = 0;

  /** One request of `client` inside `prefix`, sent now to `chosen`, served by `servedBy` in `rttMs`. */
  add(prefix: Prefix, chosen: string, servedBy: string, rttMs: number, client: ClientAddress): void {
    // A route's prefix is one object for all its clients: found by identity first (the last line's
    // most often), by its text else.
    let entry = prefix === this.#lastPrefix ? this.#lastEntry : this.#byObject.get(prefix);
    if (!entry) {
      entry = this.#entryFor(prefix, chosen);
      this.#byObject.set(prefix, entry);
    }
    this.#lastPrefix = prefix;
    this.#lastEntry = entry;
    entry.requests++;
    const samples = samplesAt(entry, servedBy);
    const slot = samples.count < KEPT_SAMPLES ? samples.count : this.#random() % (samples.count + 1);
    if (slot < KEPT_SAMPLES) {
      samples.kept[slot] = rttMs;
      samples.blocks[slot] = blockOf(client);
    }
    samples.count++;
  }

  /** The prefix's entry, by its text; made with `chosen` where it is first seen. */
  #entryFor(prefix: Prefix, chosen: string): PrefixSamples {
    const key = formatPrefix(prefix);
    let entry = this.#prefixes.get(key);
    if (!entry) {
      entry = { prefix, chosen, requests: 0, byPop: new Map() };
      this.#prefixes.set(key, entry);
    }
    return entry;
  }

  get prefixes(): IterableIterator<PrefixSamples> {
    return this.#prefixes.values();
  }

  toJson(): RttTallyJson {
    const round = (ms: number): number => Math.round(ms * 1000) / 1000;
    return {
      without_rtt: this.withoutRtt,
      without_server: this.withoutServer,
      prefixes: [...this.#prefixes.values()].map((entry) => ({
        prefix: formatPrefix(entry.prefix),
        chosen: entry.chosen,
        requests: entry.requests,
        pops: [...entry.byPop].map(([pop, samples]) => {
          const n = Math.min(samples.count, KEPT_SAMPLES);
          return {
            pop,
            count: samples.count,
            rtt_ms: [...samples.kept.subarray(0, n)].map(round),
            blocks: [...samples.blocks.subarray(0, n)],
          };
        }),
      })),
    };
  }

  /**
   * Takes in another host's tally, checked whole first (a bad file changes nothing). A prefix keeps
   * the POP chosen where it was first seen; each POP's kept samples become a uniform sample of both
   * hosts' requests together.
   */
  merge(json: unknown, source: string): void {
    for (const { prefix, chosen, requests, pops } of checkedTally(json, source)) {
      const entry = this.#entryFor(prefix, chosen);
      entry.requests += requests;
      for (const incoming of pops) this.#mergeSamples(samplesAt(entry, incoming.pop), incoming);
    }
    const counts = json as RttTallyJson;
    this.withoutRtt += counts.without_rtt;
    this.withoutServer += counts.without_server;
  }

  /** Draws KEPT_SAMPLES from both samples without replacement, each in proportion to the requests it stands for. */
  #mergeSamples(into: RttSamples, from: { count: number; rtt_ms: readonly number[]; blocks: readonly number[] }): void {
    if (into.count + from.count <= KEPT_SAMPLES) {
      into.kept.set(from.rtt_ms, into.count);
      into.blocks.set(from.blocks, into.count);
      into.count += from.count;
      return;
    }
    const have = Math.min(into.count, KEPT_SAMPLES);
    const a = {
      rtts: Array.from(into.kept.subarray(0, have)),
      blocks: Array.from(into.blocks.subarray(0, have)),
      left: have,
      requests: into.count,
    };
    const b = { rtts: [...from.rtt_ms], blocks: [...from.blocks], left: from.rtt_ms.length, requests: from.count };
    for (let slot = 0; slot < KEPT_SAMPLES; slot++) {
      if (a.left === 0 && b.left === 0) break;
      const pick = b.left === 0 || (a.left > 0 && (this.#random() / 0x1_0000_0000) * (a.requests + b.requests) < a.requests) ? a : b;
      const j = this.#random() % pick.left;
      into.kept[slot] = pick.rtts[j]!;
      into.blocks[slot] = pick.blocks[j]!;
      pick.left--;
      pick.rtts[j] = pick.rtts[pick.left]!;
      pick.blocks[j] = pick.blocks[pick.left]!;
      pick.requests--;
    }
    into.count += from.count;
  }

  #random(): number {
    // xorshift32: cheap, and the same sequence every run.
    let x = this.#seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#seed = x >>> 0;
    return this.#seed;
  }
}

/** A POP's samples for a prefix, made empty where it is first seen. */
function samplesAt(entry: PrefixSamples, pop: string): RttSamples {
  let samples = entry.byPop.get(pop);
  if (!samples) {
    samples = { count: 0, kept: new Float32Array(KEPT_SAMPLES), blocks: new Float64Array(KEPT_SAMPLES) };
    entry.byPop.set(pop, samples);
  }
  return samples;
}

interface CheckedPrefix {
  readonly prefix: Prefix;
  readonly chosen: string;
  readonly requests: number;
  readonly pops: ReadonlyArray<{ readonly pop: string; readonly count: number; readonly rtt_ms: number[]; readonly blocks: number[] }>;
}

const count = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A tally's JSON, every field checked; the first fault throws, naming where it is. */
function checkedTally(json: unknown, source: string): CheckedPrefix[] {
  // Checked field by field below: nothing is trusted from the file's shape.
  const tally = json as { without_rtt?: unknown; without_server?: unknown; prefixes?: unknown } | null;
  if (typeof tally !== 'object' || tally === null || !Array.isArray(tally.prefixes))
    throw new RttTallyJsonError(source, 'quality', 'a round-trip tally');
  if (!count(tally.without_rtt) || !count(tally.without_server))
    throw new RttTallyJsonError(source, 'quality.without_rtt or without_server', 'a count');
  return (tally.prefixes as Array<Record<string, unknown> | null>).map((row, i) => {
    const where = `quality.prefixes[${i}]`;
    const p = row ?? {};
    const prefix = typeof p.prefix === 'string' ? parsePrefix(p.prefix) : undefined;
    if (!prefix) throw new RttTallyJsonError(source, `${where}.prefix`, 'a prefix');
    if (typeof p.chosen !== 'string' || !HOST_NAME.test(p.chosen)) throw new RttTallyJsonError(source, `${where}.chosen`, 'a host name');
    if (!count(p.requests) || !Array.isArray(p.pops)) throw new RttTallyJsonError(source, where, 'a prefix with its requests and POPs');
    const blockBits = prefix.family === 4 ? CLIENT_BLOCK_LENGTH[4] : CLIENT_BLOCK_LENGTH[6];
    const pops = (p.pops as Array<Record<string, unknown> | null>).map((pop, k) => {
      const at = `${where}.pops[${k}]`;
      if (typeof pop?.pop !== 'string' || !HOST_NAME.test(pop.pop)) throw new RttTallyJsonError(source, `${at}.pop`, 'a host name');
      const kept = Math.min(count(pop.count) ? pop.count : 0, KEPT_SAMPLES);
      if (!count(pop.count) || !Array.isArray(pop.rtt_ms) || pop.rtt_ms.length !== kept)
        throw new RttTallyJsonError(source, at, `a count with min(count, ${KEPT_SAMPLES}) round trips`);
      if (!pop.rtt_ms.every((ms) => typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 && ms <= MAX_RTT_MS))
        throw new RttTallyJsonError(source, `${at}.rtt_ms`, 'a list of round trips in ms');
      if (!Array.isArray(pop.blocks) || pop.blocks.length !== kept || !pop.blocks.every((b) => count(b) && b < 2 ** blockBits))
        throw new RttTallyJsonError(source, `${at}.blocks`, `a list of /${blockBits} numbers, one per round trip`);
      return { pop: pop.pop, count: pop.count, rtt_ms: pop.rtt_ms as number[], blocks: pop.blocks as number[] };
    });
    return { prefix, chosen: p.chosen, requests: p.requests, pops };
  });
}
