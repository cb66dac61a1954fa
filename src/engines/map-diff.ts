import { parsePrefix, type Prefix } from '../core/prefix.js';
import type { MapChanges } from './haproxy-runtime.js';

/** A map file's entries (`KEY VALUE` lines, comments and blank lines left out), one at a time from its pieces. */
export function* mapEntries(pieces: Iterable<string>): Generator<string> {
  for (const piece of pieces) for (const line of piece.split('\n')) if (line !== '' && !line.startsWith('#')) yield line;
}

const keyOf = (line: string): string => line.slice(0, line.indexOf(' '));

/** Blocks in the order exports list them: IPv4 before IPv6, then by first address, then wider first. */
function blockOrder(a: Prefix, b: Prefix): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.network !== b.network) return a.network < b.network ? -1 : 1;
  return a.length - b.length;
}

/**
 * What turns the entries `before` into `after`, both in export order (blocks that do not overlap, in
 * address order): a walk of both at once, the lines compared as text and their blocks parsed only
 * where they differ. Undefined when a key is not a block (not an export's map), or past `most` changes.
 */
export function mapChanges(before: Iterable<string>, after: Iterable<string>, most = Number.POSITIVE_INFINITY): MapChanges | undefined {
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  const olds = before[Symbol.iterator]();
  const nows = after[Symbol.iterator]();
  let old = olds.next().value as string | undefined;
  let now = nows.next().value as string | undefined;
  const nextOld = (): void => {
    old = olds.next().value as string | undefined;
  };
  const nextNow = (): void => {
    now = nows.next().value as string | undefined;
  };
  while (old !== undefined || now !== undefined) {
    // More changes than are worth sending one by one: the caller replaces the map whole.
    if (added.length + changed.length + removed.length > most) return undefined;
    if (old !== undefined && old === now) {
      nextOld();
      nextNow();
    } else if (old === undefined) {
      added.push(now!);
      nextNow();
    } else if (now === undefined) {
      removed.push(keyOf(old));
      nextOld();
    } else {
      const oldKey = keyOf(old);
      const nowKey = keyOf(now);
      if (oldKey === nowKey) {
        changed.push(now);
        nextOld();
        nextNow();
        continue;
      }
      const a = parsePrefix(oldKey);
      const b = parsePrefix(nowKey);
      if (!a || !b) return undefined;
      if (blockOrder(a, b) < 0) {
        removed.push(oldKey);
        nextOld();
      } else {
        added.push(now);
        nextNow();
      }
    }
  }
  return added.length + changed.length + removed.length > most ? undefined : { added, changed, removed };
}
