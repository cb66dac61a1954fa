import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { BIN, runToEnd } from '../helpers/cli.js';
import { scratchDir } from '../helpers/scratch.js';

const EXAMPLE_CONFIG = fileURLToPath(new URL('../../examples/supersparrow.conf', import.meta.url));
const Y = 'www.y.example.net';

/** Runs a shell pipeline with the CLI as `$SS`; every process's status from PIPESTATUS. */
async function pipeline(script: string): Promise<{ stdout: string; stderr: string; statuses: number[] }> {
  const { stdout, stderr } = await runToEnd('bash', ['-c', `${script}; echo "status:\${PIPESTATUS[*]}" >&2`], {
    SS: `${process.execPath} ${BIN}`,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    CONFIG: EXAMPLE_CONFIG,
  });
  const statuses = (/status:([\d ]+)\n?$/.exec(stderr)?.[1] ?? '').trim().split(' ').map(Number);
  return { stdout, stderr, statuses };
}

function accessLog(dir: string, lines: number): string {
  const path = join(dir, 'access.log');
  const out: string[] = [];
  for (let i = 0; i < lines; i++)
    out.push(`192.168.193.${i % 250} - - [01/Dec/2026:10:00:00 +0000] "GET /page/${i} HTTP/1.1" 200 123 "-" "agent ${'x'.repeat(40)}"`);
  writeFileSync(path, `${out.join('\n')}\n`);
  return path;
}

describe('every mode finishes writing before it exits', () => {
  const dir = scratchDir('output');
  const log = accessLog(dir, 20_000);
  const keys = join(dir, 'keys');
  writeFileSync(keys, Array.from({ length: 100_000 }, (_, i) => `192.168.${192 + (i % 2)}.${i % 250}`).join('\n') + '\n');

  it('log mode: all 20,000 lines reach a reader that starts two seconds late', async () => {
    const r = await pipeline(`$SS -c "$CONFIG" --log ${log} | (sleep 2; wc -l)`);
    expect(r.stdout.trim()).toBe('20000');
    expect(r.statuses).toEqual([0, 0]);
  }, 30_000);

  it('log mode from stdin through cat: every byte, not a pipe buffer’s worth', async () => {
    const r = await pipeline(`cat ${log} | $SS -c "$CONFIG" --log - | cat | wc -c`);
    const expected = 20_000 * `${Y}\t`.length + (await import('node:fs')).statSync(log).size;
    expect(Number(r.stdout.trim())).toBe(expected);
    expect(r.statuses).toEqual([0, 0, 0, 0]);
  }, 30_000);

  it('batch mode: 100,000 answers to a slow reader', async () => {
    const r = await pipeline(`$SS -c "$CONFIG" --batch < ${keys} | (sleep 2; wc -l)`);
    expect(r.stdout.trim()).toBe('100000');
    expect(r.statuses).toEqual([0, 0]);
  }, 30_000);

  it('a reader that closes early ends the run quietly, as coreutils do', async () => {
    for (const script of [`$SS -c "$CONFIG" --log - < ${log} | head -1`, `$SS -c "$CONFIG" --log ${log} | head -1`]) {
      const r = await pipeline(script);
      expect(r.stdout.split('\n')[0]).toMatch(/^www\.[xy]\.example\.net\t192\.168\.193\.0 /);
      expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
      expect(r.statuses[0]).toBe(141);
    }
  }, 30_000);

  it.each(['csv', 'nginx-geo', 'haproxy-map', 'gdnsd-nets', 'mmdb'])(
    '--export %s to a full disk fails with status 1 and says why',
    async (format) => {
      const r = await pipeline(`$SS -c "$CONFIG" --export ${format} > /dev/full`);
      expect(r.statuses).toEqual([1]);
      expect(r.stderr).toMatch(/ENOSPC|no space left/i);
    },
  );
});
