import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MapProgram, PEERS, runCli, testbedConfigLines, writeConfig } from '../helpers/cli.js';
import { startFrrTestbed, type FrrTestbed } from '../helpers/frr-testbed.js';
import { BIRDC } from '../helpers/bird-testbed.js';
import { startBirdFrontEnd, type BirdFrontEnd } from '../helpers/bird-front-end.js';
import { ROUTE_CASES, X, Y } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const GUIDE = readFileSync(join(ROOT, 'bird/README.md'), 'utf8');
const blocks = [...GUIDE.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/^ {3}/gm, ''));
const CLIENTS = [...ROUTE_CASES.map(([address]) => address), '192.168.193.200', '10.1.255.1', '172.31.0.1', '8.8.8.8'];

describe('a live table on the host with BIRD (bird/ as shipped, real bgpd as the route server)', () => {
  let testbed: FrrTestbed;
  let frontEnd: BirdFrontEnd;
  let dir: string;
  let birdConfig: string;

  beforeAll(async () => {
    testbed = await startFrrTestbed();
    frontEnd = await startBirdFrontEnd(testbed);
    dir = scratchDir('bird-live');
    // The guide's supersparrow lines, the socket's path this BIRD's.
    const lines = blocks
      .find((b) => b.startsWith('route_server bird'))!
      .trim()
      .split('\n');
    expect(lines).toEqual(['route_server bird', 'host /run/bird/bird.ctl']);
    birdConfig = writeConfig(join(dir, 'bird.conf'), [
      ...lines.map((l) => l.replace('/run/bird/bird.ctl', frontEnd.socket)),
      PEERS,
      `self ${X}`,
    ]);
  }, 90_000);

  afterAll(async () => {
    await frontEnd?.stop();
    await testbed?.stop();
  });

  it("has BIRD show the route server's session and table, as the guide's checks do", () => {
    const checks = blocks
      .find((b) => b.startsWith('birdc show protocols'))!
      .trim()
      .split('\n');
    const [session, count] = checks.map((c) =>
      execFileSync(BIRDC, ['-s', frontEnd.socket, ...c.split(' ').slice(1)], { encoding: 'utf8' }),
    );
    expect(session).toMatch(/routeserver\s+BGP\s+---\s+up\s+.*Established/);
    expect(count).toMatch(/Total: \d+ of \d+ routes/);
  });

  it("hands BIRD's socket to the group supersparrow as the shipped drop-in does, and the map's user then opens it", async () => {
    const { chmodSync, chownSync, readFileSync } = await import('node:fs');
    const { dirname } = await import('node:path');
    const { spawnSync } = await import('node:child_process');
    const { mapCli } = await import('../helpers/apache-site.js');
    execFileSync('bash', ['-c', 'getent group supersparrow >/dev/null || groupadd --system supersparrow']);
    // The map's user reaches the socket's folder and the config, as on a host (/run/bird, /etc).
    chmodSync(dirname(frontEnd.socket), 0o755);
    chmodSync(dir, 0o755);
    execFileSync('chown', ['root:supersparrow', birdConfig]);
    chmodSync(birdConfig, 0o640);
    // As BIRD leaves it: not the map's group.
    chownSync(frontEnd.socket, 0, 0);
    chmodSync(frontEnd.socket, 0o660);
    const check = () =>
      spawnSync(process.execPath, [mapCli(), '--config', birdConfig, '--check', '--as', 'www-data:supersparrow'], { encoding: 'utf8' });
    const before = check();
    expect(before.status).toBe(1);
    expect(before.stdout).toMatch(/^problem +route server +bird /m);
    const dropIn = readFileSync(join(ROOT, 'bird/bird-socket-group.conf'), 'utf8');
    const command = /^ExecStartPost=\/bin\/sh -c '(.*)'$/m.exec(dropIn)![1]!.replaceAll('/run/bird/bird.ctl', frontEnd.socket);
    execFileSync('/bin/sh', ['-c', command]);
    const after = check();
    expect(after.stdout).toMatch(/^ok +route server +bird /m);
    expect(after.stdout).toMatch(/^configuration OK$/m);
    expect(after.status).toBe(0);
  });

  it("answers every client as the route server's own vty does", async () => {
    const vty = writeConfig(join(dir, 'vty.conf'), testbedConfigLines(testbed.vtyPort));
    const theirs = await runCli(['--config', vty, ...CLIENTS]);
    const ours = await runCli(['--config', birdConfig, ...CLIENTS]);
    expect(ours.stdout.split('\n')).toEqual(theirs.stdout.split('\n'));
    expect(ours.stdout.split('\n').slice(0, ROUTE_CASES.length)).toEqual(ROUTE_CASES.map(([, answer]) => answer));
  }, 30_000);

  it('takes a route change at the route server into a running map within seconds, its cache notwithstanding', async () => {
    const map = new MapProgram(['--config', birdConfig, '--batch', '--cache-timeout', '3600'], { env: { PATH: process.env.PATH } });
    try {
      expect((await map.ask('192.168.193.15')).answer).toBe(Y);
      expect((await map.ask('192.168.193.15')).answer).toBe(Y);
      // POP Y's session at the route server goes down: its routes go, the upstream's path is best.
      testbed.shutNeighbor('127.0.0.3', true);
      await map.askUntil('192.168.193.15', X, 5000);
      testbed.shutNeighbor('127.0.0.3', false);
      await map.askUntil('192.168.193.15', Y, 15_000);
    } finally {
      testbed.shutNeighbor('127.0.0.3', false);
      await map.end(5000);
    }
  }, 60_000);

  it("has the dump service write BIRD's table as a fresh MRT dump each time, which --export and --serve read as the route server's table", async () => {
    const dumpConfig = blocks
      .find((b) => b.startsWith('route_server mrt'))!
      .trim()
      .split('\n');
    expect(dumpConfig).toEqual(['route_server mrt', 'table /var/lib/bird/rib.mrt']);
    expect(frontEnd.runDumpService()).toEqual({ status: 0, stderr: '' });
    const size = statSync(frontEnd.dump).size;
    // Written anew, not appended to: the same table, the same size.
    expect(frontEnd.runDumpService()).toEqual({ status: 0, stderr: '' });
    expect(statSync(frontEnd.dump).size).toBe(size);
    const config = writeConfig(join(dir, 'mrt.conf'), [
      ...dumpConfig.map((l) => l.replace('/var/lib/bird/rib.mrt', frontEnd.dump)),
      PEERS,
      `self ${X}`,
    ]);
    const fromDump = await runCli(['--config', config, ...CLIENTS]);
    const live = await runCli(['--config', birdConfig, ...CLIENTS]);
    expect(fromDump.code).toBe(0);
    expect(fromDump.stdout).toBe(live.stdout);
    const map = await runCli(['--config', config, '--export', 'haproxy-map']);
    expect(map.stdout).toMatch(/^192\.168\.193\.0\/24 www\.y\.example\.net$/m);
    // BIRD away: it says why, and the last dump stays.
    const failed = spawnSync(join(ROOT, 'bird/supersparrow-bird-dump'), [], {
      env: { PATH: process.env.PATH, DUMP: frontEnd.dump, BIRD_SOCKET: join(dir, 'no-such.ctl') },
      encoding: 'utf8',
    });
    expect([failed.status, failed.stdout]).toEqual([1, '']);
    expect(failed.stderr).toMatch(/^no MRT dump written: .*(Unable to connect|No such file)/);
    expect(statSync(frontEnd.dump).size).toBe(size);
    expect(existsSync(`${frontEnd.dump}.new`)).toBe(false);
  }, 30_000);
});
