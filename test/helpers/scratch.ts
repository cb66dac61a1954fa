import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
process.on('exit', () => { for (const dir of made) rmSync(dir, { recursive: true, force: true }); });

/** A temporary folder removed when the test process exits. */
export function scratchDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ss-${name}-`));
  made.push(dir);
  return dir;
}
