import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { BIN, MapProgram, PEERS, writeConfig, testbedConfigLines } from '../helpers/cli.js';
import { startFrrTestbed, VTY_PASSWORD, type FrrTestbed } from '../helpers/frr-testbed.js';
import { ROUTE_CASES, X } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';

/** Distinct clients in every route case's prefix, so that each line is a route-server query. */
function logLines(count: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const [address] = ROUTE_CASES[i % ROUTE_CASES.length]!;
    const n = Math.floor(i / ROUTE_CASES.length);
    const client = address.includes(':')
      ? address.replace(/::1$|::5$|::1$/, `::${(n + 2).toString(16)}`)
      : address.replace(/\.\d+$/, `.${1 + (n % 250)}`);
    lines.push(`${client} - - [30/Nov/2026:10:00:${String(i % 60).padStart(2, '0')} +0000] "GET /${i} HTTP/1.1" 200 ${i} "-" "test"`);
  }
  return lines;
}

async function runLog(
  config: string,
  lines: readonly string[],
  midway?: () => Promise<void>,
): Promise<{ out: string; code: number | null; stderr: string }> {
  const program = new MapProgram(['--config', config, '--log']);
  try {
    const half = Math.floor(lines.length / 2);
    program.child.stdin.write(`${lines.slice(0, half).join('\n')}\n`);
    await program.waitForLines(Math.floor(half / 2), 20_000);
    await midway?.();
    program.child.stdin.write(`${lines.slice(half).join('\n')}\n`);
    const status = await program.end(60_000);
    return { out: program.stdout, code: status.code, stderr: program.stderr };
  } finally {
    program.kill();
  }
}

describe('log mode against a real bgpd: exact answers whatever the route server does', () => {
  let testbed: FrrTestbed;
  let config: string;
  const lines = logLines(1200);
  let undisturbed: string;

  beforeAll(async () => {
    testbed = await startFrrTestbed();
    config = writeConfig(join(scratchDir('logs'), 'supersparrow.conf'), [...testbedConfigLines(testbed.vtyPort), 'timeout 0.5']);
    const reference = await runLog(config, lines);
    expect(reference.code).toBe(0);
    undisturbed = reference.out;
  }, 90_000);
  afterAll(async () => {
    await testbed?.stop();
  });

  it('answers every line of an undisturbed run, in order, the route cases right', () => {
    const out = undisturbed.split('\n');
    expect(out.length - 1).toBe(lines.length);
    for (const [i, line] of lines.entries()) {
      const [, pop] = ROUTE_CASES[i % ROUTE_CASES.length]!;
      expect(out[i]).toBe(`${pop}\t${line}`);
    }
  });

  it('gives exactly the same output when bgpd stalls (SIGSTOP) mid-run, past the timeout', async () => {
    const run = await runLog(config, lines, async () => {
      testbed.pause();
      await new Promise((r) => setTimeout(r, 1500));
      testbed.resume();
    });
    expect(run.code).toBe(0);
    expect(run.out).toBe(undisturbed);
  }, 90_000);

  it('gives exactly the same output when bgpd is restarted mid-run', async () => {
    const run = await runLog(config, lines, () => testbed.restart());
    expect(run.code).toBe(0);
    expect(run.out).toBe(undisturbed);
    expect(run.stderr).toMatch(/waiting for the route server|route server (down|lost)/);
  }, 90_000);

  it('writes every line to a reader that starts two seconds late, then exits 0', async () => {
    const dir = scratchDir('logs-slow');
    const log = join(dir, 'access.log');
    writeFileSync(log, `${logLines(6001).join('\n')}\n`);
    const shell = spawnSync('bash', ['-c', `"$NODE" "$BIN" --config "$CONFIG" --log "$LOG" | (sleep 2; wc -l); echo "\${PIPESTATUS[*]}"`], {
      env: { PATH: process.env.PATH, NODE: process.execPath, BIN, CONFIG: config, LOG: log },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(shell.stdout.trim().split('\n')).toEqual(['6001', '0 0']);
  }, 90_000);

  it('marks lines failed, and exits 1, when the route server stays down past retry_for', async () => {
    const dead = writeConfig(join(scratchDir('logs-dead'), 'supersparrow.conf'), [
      'route_server zebra',
      'host 127.0.0.1:1',
      `password ${VTY_PASSWORD}`,
      PEERS,
      `self ${X}`,
      'retry_for 0.5',
    ]);
    const program = new MapProgram(['--config', dead, '--log']);
    program.child.stdin.write('192.168.193.15 a\nno address here\n');
    const status = await program.end(10_000);
    expect(status.code).toBe(1);
    expect(program.stdout).toBe('!failed\t192.168.193.15 a\n-\tno address here\n');
    expect(program.stderr).toMatch(/1 lines could not be answered: marked !failed/);
  }, 20_000);
});
