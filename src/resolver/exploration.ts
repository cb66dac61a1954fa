import type { ClientAddress } from '../core/address.js';
import type { PopRanking } from '../core/pop-ranking.js';
import { CLIENT_BLOCK_LENGTH, prefixAround, type Prefix } from '../core/prefix.js';

/** A client's block: what is explored together, as a plan moves it. */
export const EXPLORED_BLOCK = CLIENT_BLOCK_LENGTH;
export const EXPLORE_DAY_MS = 86_400_000;

/**
 * The POP an explored client is answered from: the first of the ranking after `answer` that can take
 * clients. Which clients are explored is `draw`'s: a hash of their /24 or /48 and the day (UTC), so
 * that a client keeps its POP for a day and every process and host agrees.
 */
export function nextInRanking(answer: string, ranking: PopRanking | undefined, canServe: (answer: string) => boolean): string | undefined {
  return ranking?.find((entry) => entry.answer !== answer && canServe(entry.answer))?.answer;
}

/** The block an address is explored with. */
export function exploredBlock(address: ClientAddress): Prefix {
  return prefixAround(address, EXPLORED_BLOCK[address.family]);
}

/** A uniform draw in [0, 1) from an address's /24 or /48 and a day: a 32-bit mix, nothing allocated, cheap on every answer. */
export function draw(address: ClientAddress, day: number): number {
  let lo: number;
  let hi: number;
  if (address.family === 4) {
    lo = address.value >>> 8;
    hi = 0x4;
  } else {
    const top = Number(address.value >> 80n);
    lo = top % 0x1_0000_0000;
    hi = Math.floor(top / 0x1_0000_0000) ^ 0x6;
  }
  let h = Math.imul(lo ^ Math.imul(day, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ hi, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x27d4eb2f);
  h ^= h >>> 15;
  return (h >>> 0) / 0x1_0000_0000;
}
