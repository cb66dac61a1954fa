export interface RepeatMemoOptions {
  /** Entries held at most: past it, the memo starts afresh. */
  readonly maxSize: number;
  /** Lookups in each window whose hit rate is measured. */
  readonly window?: number;
  /** Below this share of hits in a window, storing (and looking up) pauses. */
  readonly minHitRate?: number;
  /** Windows a pause lasts before one more window measures afresh. */
  readonly pauseWindows?: number;
}

const DEFAULT_WINDOW = 16_384;
const DEFAULT_MIN_HIT_RATE = 0.25;
const DEFAULT_PAUSE_WINDOWS = 7;

/**
 * A bounded memo of values by string key that pauses while it does not pay. Where keys come back
 * (the same clients, minutes apart) a hit saves the work; where they do not (a log of a million
 * distinct clients), storing each key costs more than the work it was to save, and the entries it
 * holds are old garbage to collect. Each window of lookups measures the hit rate; below the floor the
 * memo is emptied and left alone for a few windows, then a window stores again to measure afresh.
 */
export class RepeatMemo<V> {
  readonly #map = new Map<string, V>();
  /**
   * Values by 32-bit number (an IPv4 address), each in a slot of its own where the last one stored
   * wins: found with no string to hash and nothing to clear. Made at the first number stored.
   */
  #numbers: Float64Array | undefined;
  #numberValues: Array<V | undefined> = [];
  #numberBits = 0;
  readonly #maxSize: number;
  readonly #window: number;
  readonly #minHitRate: number;
  readonly #pauseWindows: number;
  #lookups = 0;
  #hits = 0;
  /** Windows left in the pause under way; 0: storing. */
  #paused = 0;

  constructor(options: RepeatMemoOptions) {
    this.#maxSize = options.maxSize;
    this.#window = options.window ?? DEFAULT_WINDOW;
    this.#minHitRate = options.minHitRate ?? DEFAULT_MIN_HIT_RATE;
    this.#pauseWindows = options.pauseWindows ?? DEFAULT_PAUSE_WINDOWS;
  }

  /** Whether the memo is storing now (not paused). */
  get storing(): boolean {
    return this.#paused === 0;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: string): V | undefined {
    if (++this.#lookups >= this.#window) this.#endWindow();
    if (this.#paused > 0) return undefined;
    const value = this.#map.get(key);
    if (value !== undefined) this.#hits++;
    return value;
  }

  set(key: string, value: V): void {
    if (this.#paused > 0) return;
    if (this.#map.size >= this.#maxSize) this.#map.clear();
    this.#map.set(key, value);
  }

  /** The value stored for a whole number from 0 to 2³²−1. */
  getNumber(n: number): V | undefined {
    if (++this.#lookups >= this.#window) this.#endWindow();
    if (this.#paused > 0 || this.#numbers === undefined) return undefined;
    const slot = this.#slotOf(n);
    if (this.#numbers[slot] !== n) return undefined;
    this.#hits++;
    return this.#numberValues[slot];
  }

  setNumber(n: number, value: V): void {
    if (this.#paused > 0) return;
    if (this.#numbers === undefined) {
      // The slots are the power of two at or under the size: a slot is the hash's top bits.
      this.#numberBits = Math.max(1, Math.floor(Math.log2(this.#maxSize)));
      this.#numbers = new Float64Array(1 << this.#numberBits).fill(-1);
      this.#numberValues = new Array<V | undefined>(1 << this.#numberBits).fill(undefined);
    }
    const slot = this.#slotOf(n);
    this.#numbers[slot] = n;
    this.#numberValues[slot] = value;
  }

  clear(): void {
    this.#map.clear();
    this.#numbers?.fill(-1);
    this.#numberValues.fill(undefined);
  }

  /** A multiplicative hash's top bits: neighbouring numbers (a /24's clients) spread over the slots. */
  #slotOf(n: number): number {
    return Math.imul(n, 0x9e3779b1) >>> (32 - this.#numberBits);
  }

  #endWindow(): void {
    if (this.#paused > 0) this.#paused--;
    else if (this.#hits < this.#lookups * this.#minHitRate) {
      this.#paused = this.#pauseWindows;
      this.clear();
    }
    this.#lookups = 0;
    this.#hits = 0;
  }
}
