import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { LogFollower } from '../../src/logs/log-follower.js';
import { scratchDir } from '../helpers/scratch.js';
import { waitFor } from '../helpers/wait.js';

const lines = (from: number, to: number, tag = 'l'): string => Array.from({ length: to - from }, (_, i) => `${tag}${from + i}\n`).join('');

describe('following access logs as tail -F does', () => {
  const running: LogFollower[] = [];
  afterEach(async () => {
    for (const f of running.splice(0)) await f.stop();
  });

  async function follow(files: string[]): Promise<{ seen: string[]; notices: string[]; problems: string[] }> {
    const seen: string[] = [];
    const notices: string[] = [];
    const problems: string[] = [];
    const follower = new LogFollower(
      files,
      {
        onLines: (batch) => {
          seen.push(...batch);
        },
        onProblem: (_file, message) => problems.push(message),
        onNotice: (_file, message) => notices.push(message),
      },
      20,
    );
    running.push(follower);
    await follower.start();
    return { seen, notices, problems };
  }

  it('starts at the end, reads what is added, and every line of a rotation: the old file to its end (compressed at once), the new from its start', async () => {
    const dir = scratchDir('follow');
    const log = join(dir, 'access.log');
    writeFileSync(log, lines(0, 5, 'old'));
    const { seen, notices } = await follow([log]);
    appendFileSync(log, lines(0, 3));
    await waitFor('three new lines', async () => seen.length === 3, 5000, 10);
    // logrotate with compress and no delaycompress: renamed, written to by the server still, then gzip'd (and removed).
    renameSync(log, `${log}.1`);
    appendFileSync(`${log}.1`, lines(3, 6));
    writeFileSync(log, lines(6, 8));
    execFileSync('gzip', [`${log}.1`]);
    expect(existsSync(`${log}.1`)).toBe(false);
    appendFileSync(log, lines(8, 10));
    await waitFor('every line', async () => seen.length === 10, 5000, 10);
    expect(seen).toEqual(lines(0, 10).trimEnd().split('\n'));
    expect(notices).toEqual([expect.stringMatching(/^rotated/)]);
  });

  it('reads a file cut shorter (copytruncate) again from its start, and waits for a file that is not there yet', async () => {
    const dir = scratchDir('follow');
    const log = join(dir, 'access.log');
    const later = join(dir, 'later.log');
    writeFileSync(log, '');
    const { seen, problems } = await follow([log, later]);
    await waitFor('the missing file reported', async () => problems.length === 1, 5000, 10);
    expect(problems[0]).toMatch(/ENOENT/);
    appendFileSync(log, lines(0, 4));
    await waitFor('four lines', async () => seen.length === 4, 5000, 10);
    truncateSync(log, 0);
    appendFileSync(log, lines(4, 6));
    writeFileSync(later, lines(0, 2, 'later'));
    await waitFor('both files', async () => seen.length === 8, 5000, 10);
    expect(seen.slice(4).sort()).toEqual(['l4', 'l5', 'later0', 'later1']);
    expect(problems).toHaveLength(1);
  });

  it('goes on after a handler throws, and keeps a line written in two pieces whole', async () => {
    const dir = scratchDir('follow');
    const log = join(dir, 'access.log');
    writeFileSync(log, '');
    const seen: string[] = [];
    const problems: string[] = [];
    let calls = 0;
    const follower = new LogFollower(
      [log],
      {
        onLines: (batch) => {
          if (calls++ === 0) throw new Error('handler failed');
          seen.push(...batch);
        },
        onProblem: (_f, m) => problems.push(m),
      },
      20,
    );
    running.push(follower);
    await follower.start();
    appendFileSync(log, 'first\n');
    await waitFor('the failure reported', async () => problems.length === 1, 5000, 10);
    appendFileSync(log, 'sec');
    await new Promise((r) => setTimeout(r, 60));
    appendFileSync(log, 'ond\n');
    await waitFor('the next line', async () => seen.length === 1, 5000, 10);
    expect([problems[0], seen]).toEqual([expect.stringMatching(/lines not taken: handler failed/), ['second']]);
  });
});
