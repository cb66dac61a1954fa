import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { SettledFileWatch, versionOf } from '../../src/io/file-watch.js';
import { scratchDir } from '../helpers/scratch.js';
import { waitFor } from '../helpers/wait.js';

/** Waits for `check` (helpers/wait.ts): a wait that ends without it fails the test. */
function until(check: () => boolean, ms = 3000): Promise<void> {
  return waitFor('the condition', check, ms, 10);
}

describe('the settled file watch', () => {
  it('reports a change made between the read at start and the watch beginning', async () => {
    const file = join(scratchDir('watch'), 'drain');
    writeFileSync(file, '');
    const readAtStart = versionOf(statSync(file));
    // Changed before the watch takes its first look: only the version read at start tells.
    writeFileSync(file, 'AS64702\n');
    const settled: number[] = [];
    const watch = new SettledFileWatch(
      file,
      { onSettled: (s) => void settled.push(s.size), onRemoved: () => undefined, onError: () => undefined },
      20,
      readAtStart,
    );
    try {
      await until(() => settled.length > 0, 2000);
      expect(settled).toEqual([8]);
    } finally {
      watch.close();
    }
  });

  it('reports a file unchanged since the read at start not at all, and a later change once settled', async () => {
    const file = join(scratchDir('watch-later'), 'drain');
    writeFileSync(file, '');
    const settled: number[] = [];
    const watch = new SettledFileWatch(
      file,
      { onSettled: (s) => void settled.push(s.size), onRemoved: () => undefined, onError: () => undefined },
      20,
      versionOf(statSync(file)),
    );
    try {
      await new Promise((r) => setTimeout(r, 200));
      expect(settled).toEqual([]);
      writeFileSync(file, 'www.y.example.net\n');
      await until(() => settled.length > 0, 2000);
      expect(settled).toEqual([18]);
    } finally {
      watch.close();
    }
  });

  it('reports a removal by its own callback, and the file coming back as a change', async () => {
    const file = join(scratchDir('watch-removed'), 'drain');
    writeFileSync(file, 'AS64701\n');
    const seen: string[] = [];
    const watch = new SettledFileWatch(
      file,
      { onSettled: (s) => void seen.push(`settled ${s.size}`), onRemoved: () => void seen.push('removed'), onError: () => undefined },
      20,
      versionOf(statSync(file)),
    );
    try {
      rmSync(file);
      await until(() => seen.length > 0, 2000);
      writeFileSync(file, 'AS64702 AS64703\n');
      await until(() => seen.length > 1, 2000);
      expect(seen).toEqual(['removed', 'settled 16']);
    } finally {
      watch.close();
    }
  });
});
