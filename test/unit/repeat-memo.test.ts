import { describe, expect, it } from '@jest/globals';
import { RepeatMemo } from '../../src/core/repeat-memo.js';

/** Looks each key up, storing it on a miss as a caller does; returns the hits. */
const feed = (memo: RepeatMemo<number>, keys: readonly string[]): number => {
  let hits = 0;
  for (const key of keys) {
    if (memo.get(key) !== undefined) hits++;
    else memo.set(key, key.length);
  }
  return hits;
};

describe('RepeatMemo', () => {
  it('remembers keys that come back, and starts afresh past its size', () => {
    const memo = new RepeatMemo<number>({ maxSize: 3, window: 1000 });
    expect(feed(memo, ['a', 'b', 'a', 'c', 'b'])).toBe(2);
    expect(memo.size).toBe(3);
    memo.set('d', 1);
    expect(memo.size).toBe(1);
    expect(memo.get('a')).toBeUndefined();
    expect(memo.get('d')).toBe(1);
  });

  it('pauses over keys that never come back, and measures afresh after the pause', () => {
    const memo = new RepeatMemo<number>({ maxSize: 1000, window: 100, minHitRate: 0.25, pauseWindows: 3 });
    const unique = Array.from({ length: 100 }, (_, i) => `u${i}`);
    expect(feed(memo, unique)).toBe(0);
    // The window ended at its hundredth lookup, without a hit: the memo let go of what it held.
    expect(memo.storing).toBe(false);
    expect(memo.size).toBe(0);
    // Paused, it neither finds nor stores.
    expect(memo.get('u99')).toBeUndefined();
    memo.set('u1', 2);
    expect(memo.size).toBe(0);
    // Three windows of pause (the lookup above began the first), whatever comes; then storing again.
    const repeats = Array.from({ length: 100 }, (_, i) => `r${i % 10}`);
    expect(feed(memo, repeats.slice(1))).toBe(0);
    expect(feed(memo, repeats)).toBe(0);
    expect(feed(memo, repeats.slice(0, 99))).toBe(0);
    expect(memo.storing).toBe(false);
    memo.get('r0');
    expect(memo.storing).toBe(true);
    // Keys that come back keep it storing, window after window.
    expect(feed(memo, repeats)).toBeGreaterThan(80);
    expect(feed(memo, repeats)).toBe(100);
    expect(memo.storing).toBe(true);
  });

  it('holds numbers (IPv4 addresses) in slots of their own, the last stored winning, paused with the rest', () => {
    const memo = new RepeatMemo<string>({ maxSize: 4096, window: 100_000 });
    expect(memo.getNumber(0xc0000207)).toBeUndefined();
    // A /24's clients and the extremes, all held at once: neighbours spread over the slots.
    const numbers = [0, 0xffffffff, ...Array.from({ length: 256 }, (_, i) => 0x0a010100 + i)];
    for (const n of numbers) memo.setNumber(n, `v${n}`);
    const held = numbers.filter((n) => memo.getNumber(n) === `v${n}`).length;
    expect(held).toBeGreaterThan(numbers.length - 10);
    // A number never stored is never found, whatever shares its slot.
    for (let n = 0x0a020000; n < 0x0a030000; n++) expect(memo.getNumber(n)).toBeUndefined();
    memo.setNumber(7, 'seven');
    memo.setNumber(7, 'again');
    expect(memo.getNumber(7)).toBe('again');
    memo.clear();
    expect(memo.getNumber(7)).toBeUndefined();

    const paused = new RepeatMemo<string>({ maxSize: 64, window: 10 });
    for (let n = 0; n < 10; n++) paused.getNumber(n);
    paused.setNumber(1, 'one');
    expect(paused.storing).toBe(false);
    expect(paused.getNumber(1)).toBeUndefined();
  });

  it('keeps storing at the floor, and pauses just under it', () => {
    for (const [hits, storing] of [
      [25, true],
      [24, false],
    ] as const) {
      const memo = new RepeatMemo<number>({ maxSize: 1000, window: 100, minHitRate: 0.25 });
      memo.set('k', 1);
      for (let i = 0; i < 100; i++) memo.get(i < hits ? 'k' : `miss${i}`);
      memo.get('k');
      expect(memo.storing).toBe(storing);
    }
  });
});
