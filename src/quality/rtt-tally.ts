import type { ClientAddress } from '../core/address.js';
import { formatPrefix, type Prefix, prefixAround } from '../core/prefix.js';

/** Samples kept per prefix and POP: medians past this many come from a uniform sample of them all. */
export const KEPT_SAMPLES = 1024;
/** Per /24 or /48 inside a wider deciding prefix: fewer, for there may be many. */
export const KEPT_BLOCK_SAMPLES = 128;
/** Blocks tallied at most, over all prefixes (about 50 MB at three POPs each): the rest are counted in their prefix only. */
export const MAX_BLOCKS = 131_072;
const BLOCK = { 4: 24, 6: 48 } as const;

/** One prefix's round-trip times at each POP that served its clients. */
export interface PrefixSamples {
  readonly prefix: Prefix;
  /** The POP the answers send its clients to now. */
  readonly chosen: string;
  /** Requests counted: the prefix's demand. */
  requests: number;
  readonly byPop: Map<string, RttSamples>;
  /** Its /24s (or /48s) when it is wider, each tallied apart (up to MAX_BLOCKS in all). */
  readonly blocks?: Map<string, PrefixSamples>;
}

/** A POP's round-trip times for one prefix: how many were seen, and a uniform sample of them. */
export interface RttSamples {
  count: number;
  readonly kept: Float32Array;
}

/**
 * Round-trip times from access logs, by the deciding prefix of each client and the POP that served
 * it. Memory is bounded per prefix and POP (a reservoir of KEPT_SAMPLES); the reservoir draws from a
 * fixed seed, so the same logs give the same report.
 */
export class RttTally {
  readonly #prefixes = new Map<string, PrefixSamples>();
  readonly #byObject = new WeakMap<Prefix, PrefixSamples>();
  #seed = 0x9e3779b9;
  #blockCount = 0;
  /** Lines answered that gave no round-trip time, or no POP that served them. */
  withoutRtt = 0;
  withoutServer = 0;

  /** One request of `client` inside `prefix`, sent now to `chosen`, served by `servedBy` in `rttMs`. */
  add(prefix: Prefix, chosen: string, servedBy: string, rttMs: number, client?: ClientAddress): void {
    // A route's prefix is one object for all its clients: found by identity first, by its text else.
    let entry = this.#byObject.get(prefix);
    if (!entry) {
      const key = formatPrefix(prefix);
      entry = this.#prefixes.get(key);
      if (!entry) {
        const wide = prefix.length < BLOCK[prefix.family];
        entry = { prefix, chosen, requests: 0, byPop: new Map(), ...(wide ? { blocks: new Map() } : {}) };
        this.#prefixes.set(key, entry);
      }
      this.#byObject.set(prefix, entry);
    }
    this.#count(entry, servedBy, rttMs, KEPT_SAMPLES);
    if (entry.blocks && client) {
      const block = prefixAround(client, BLOCK[client.family]);
      const key = formatPrefix(block);
      let inside = entry.blocks.get(key);
      if (!inside && this.#blockCount < MAX_BLOCKS) {
        this.#blockCount++;
        inside = { prefix: block, chosen, requests: 0, byPop: new Map() };
        entry.blocks.set(key, inside);
      }
      if (inside) this.#count(inside, servedBy, rttMs, KEPT_BLOCK_SAMPLES);
    }
  }

  #count(entry: PrefixSamples, servedBy: string, rttMs: number, size: number): void {
    entry.requests++;
    let samples = entry.byPop.get(servedBy);
    if (!samples) {
      samples = { count: 0, kept: new Float32Array(size) };
      entry.byPop.set(servedBy, samples);
    }
    if (samples.count < size) samples.kept[samples.count] = rttMs;
    else {
      const slot = this.#random() % (samples.count + 1);
      if (slot < size) samples.kept[slot] = rttMs;
    }
    samples.count++;
  }

  get prefixes(): IterableIterator<PrefixSamples> {
    return this.#prefixes.values();
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
