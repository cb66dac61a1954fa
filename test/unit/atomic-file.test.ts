import { lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { openAtomicFile, writeFileAtomic } from '../../src/io/atomic-file.js';
import { scratchDir } from '../helpers/scratch.js';

describe('files replaced whole', () => {
  it('are written under random names another user cannot plant ahead (links and files at the names a PID and a counter give)', () => {
    const dir = scratchDir('atomic');
    const target = join(dir, 'pop.map');
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'untouched');
    // What was once the whole of the name: a dot, the file, the PID, a counter.
    for (let n = 0; n < 50; n++) symlinkSync(victim, join(dir, `.pop.map.${process.pid}.${n}.tmp`));
    for (let i = 0; i < 20; i++) writeFileAtomic(target, `version ${i}\n`);
    expect(readFileSync(target, 'utf8')).toBe('version 19\n');
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(lstatSync(target).isSymbolicLink()).toBe(false);
    // Nothing of ours left beside it: only the planted links.
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp') && !n.startsWith(`.pop.map.${process.pid}.`))).toEqual([]);
  });

  it('streams into a random name too, and an abort leaves the old file as it was', async () => {
    const dir = scratchDir('atomic');
    const target = join(dir, 'pop.csv');
    writeFileSync(target, 'old\n');
    const names = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const file = openAtomicFile(target);
      for (const n of readdirSync(dir)) if (n.endsWith('.tmp')) names.add(n);
      await new Promise<void>((resolve) => file.stream.write('new\n', () => resolve()));
      file.abort();
    }
    expect(names.size).toBe(5);
    for (const n of names) expect(n).toMatch(/^\.pop\.csv\.[0-9a-f]{12}\.tmp$/);
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['pop.csv']);
  });
});
