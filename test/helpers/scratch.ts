import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from '@jest/globals';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder, removed after the test file's last test. */
export function scratchDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ss-${name}-`));
  made.push(dir);
  return dir;
}
