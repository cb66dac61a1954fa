import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { sharedFileProblem } from '../../src/io/file-trust.js';
import { scratchDir } from '../helpers/scratch.js';

describe('files others could write (as sshd StrictModes judges)', () => {
  it('trusts a file of ours in folders only we (or root) can write, /tmp’s sticky folder included', () => {
    const dir = scratchDir('trust');
    writeFileSync(join(dir, 'plan'), '');
    expect(sharedFileProblem(join(dir, 'plan'))).toBeUndefined();
    expect(sharedFileProblem(join(dir, 'not-there'))).toBeUndefined();
  });

  it('names a folder above that group or others can write, without the sticky bit', () => {
    const dir = scratchDir('trust');
    const open = join(dir, 'open');
    mkdirSync(open);
    writeFileSync(join(open, 'plan'), '');
    chmodSync(open, 0o777);
    expect(sharedFileProblem(join(open, 'plan'))).toBe(
      `${open}, a folder above ${join(open, 'plan')}, is writable by others (mode 777): another user could put another file there`,
    );
    chmodSync(open, 0o775);
    expect(sharedFileProblem(join(open, 'plan'))).toMatch(/is writable by its group \(mode 775\)/);
    // Sticky, as /tmp: no one else can replace what is ours in it.
    chmodSync(open, 0o1777);
    expect(sharedFileProblem(join(open, 'plan'))).toBeUndefined();
  });

  it('names a file others can write, or that belongs to another user', () => {
    const dir = scratchDir('trust');
    const file = join(dir, 'drain');
    writeFileSync(file, '');
    chmodSync(file, 0o666);
    expect(sharedFileProblem(file)).toBe(`${file} is writable by others (mode 666)`);
    chmodSync(file, 0o644);
    expect(sharedFileProblem(file, 1234)).toBeUndefined(); // root's file: trusted by any user
    if (process.getuid?.() === 0) {
      chownSync(file, 65534, 65534);
      expect(sharedFileProblem(file)).toBe(`${file} belongs to uid 65534, not to root, a system account or this user (uid 0)`);
    }
  });
});
