import { describe, expect, it } from '@jest/globals';
import { mapChanges, mapEntries } from '../../src/engines/map-diff.js';
import { random } from '../helpers/capacity-instances.js';

/** Applies changes as HAProxy would to a map held as key → value. */
function apply(before: readonly string[], changes: NonNullable<ReturnType<typeof mapChanges>>): Map<string, string> {
  const map = new Map(before.map((l) => [l.split(' ')[0]!, l.split(' ')[1]!]));
  for (const l of changes.added) map.set(l.split(' ')[0]!, l.split(' ')[1]!);
  for (const l of changes.changed) {
    const key = l.split(' ')[0]!;
    if (!map.has(key)) throw new Error(`set of a key not held: ${key}`);
    map.set(key, l.split(' ')[1]!);
  }
  for (const key of changes.removed) if (!map.delete(key)) throw new Error(`del of a key not held: ${key}`);
  return map;
}

/** A random export-ordered map: /24s of 10.0.0.0/16 with a few /16s of 11.0.0.0/8, then IPv6 /48s. */
function randomMap(next: () => number, classes: readonly string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < 256; i++) if (next() < 0.5) lines.push(`10.0.${i}.0/24 ${classes[Math.floor(next() * classes.length)]}`);
  for (let i = 0; i < 256; i += 16) if (next() < 0.5) lines.push(`11.${i}.0.0/16 ${classes[Math.floor(next() * classes.length)]}`);
  for (let i = 0; i < 16; i++)
    if (next() < 0.5) lines.push(`2001:db8:${i.toString(16)}::/48 ${classes[Math.floor(next() * classes.length)]}`);
  return lines;
}

describe('a class map sent to HAProxy as its changes', () => {
  it('turns any export-ordered map into any other: 300 random pairs', () => {
    const next = random(5);
    for (let round = 0; round < 300; round++) {
      const before = randomMap(next, ['64702', '64701-64702', 'self']);
      const after = randomMap(next, ['64702', '64701-64702', '64703']);
      const changes = mapChanges(before, after)!;
      expect(apply(before, changes)).toEqual(new Map(after.map((l) => [l.split(' ')[0]!, l.split(' ')[1]!])));
    }
  });

  it('reads entries from pieces, past comments, and gives up past the most changes asked', () => {
    // Pieces end at line ends: rendering batches whole lines.
    expect([...mapEntries(['# generated\n10.0.0.0/24 a\n', '10.0.1.0/24 b\n'])]).toEqual(['10.0.0.0/24 a', '10.0.1.0/24 b']);
    const before = ['10.0.0.0/24 a', '10.0.1.0/24 b', '10.0.2.0/24 c'];
    expect(mapChanges(before, ['10.0.0.0/24 x', '10.0.1.0/24 y', '10.0.2.0/24 z'], 2)).toBeUndefined();
    expect(mapChanges(before, ['10.0.0.0/24 a', '10.0.1.0/24 y', '10.0.2.0/24 c'], 2)).toEqual({
      added: [],
      changed: ['10.0.1.0/24 y'],
      removed: [],
    });
  });
});
