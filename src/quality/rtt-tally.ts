import type { ClientAddress } from '../core/address.js';
import { CLIENT_BLOCK_LENGTH, formatPrefix, type Prefix } from '../core/prefix.js';

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

/**
 * Round-trip times from access logs, by the deciding prefix of each client and the POP that served
 * it. Memory is bounded per prefix and POP (a reservoir of KEPT_SAMPLES); the reservoir draws from a
 * fixed seed, so the same logs give the same report.
 */
export class RttTally {
  readonly #prefixes = new Map<string, PrefixSamples>();
  readonly #byObject = new WeakMap<Prefix, PrefixSamples>();
  #seed = 0x9e3779b9;
  /** Lines answered that gave no round-trip time, or no POP that served them. */
  withoutRtt = 0;
  withoutServer = 0;

  /** One request of `client` inside `prefix`, sent now to `chosen`, served by `servedBy` in `rttMs`. */
  add(prefix: Prefix, chosen: string, servedBy: string, rttMs: number, client: ClientAddress): void {
    // A route's prefix is one object for all its clients: found by identity first, by its text else.
    let entry = this.#byObject.get(prefix);
    if (!entry) {
      const key = formatPrefix(prefix);
      entry = this.#prefixes.get(key);
      if (!entry) {
        entry = { prefix, chosen, requests: 0, byPop: new Map() };
        this.#prefixes.set(key, entry);
      }
      this.#byObject.set(prefix, entry);
    }
    entry.requests++;
    let samples = entry.byPop.get(servedBy);
    if (!samples) {
      samples = { count: 0, kept: new Float32Array(KEPT_SAMPLES), blocks: new Float64Array(KEPT_SAMPLES) };
      entry.byPop.set(servedBy, samples);
    }
    const slot = samples.count < KEPT_SAMPLES ? samples.count : this.#random() % (samples.count + 1);
    if (slot < KEPT_SAMPLES) {
      samples.kept[slot] = rttMs;
      samples.blocks[slot] = blockOf(client);
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
