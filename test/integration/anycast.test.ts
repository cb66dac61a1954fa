import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BIN, writeConfig } from '../helpers/cli.js';
import { BGPD, freePort, launchDaemon, launchExabgp, requireFrr, stopChild, VTYSH, waitFor } from '../helpers/frr-testbed.js';
import { startHealthServer, type HealthServer } from '../helpers/health-server.js';

const X = 'www.x.example.net';
const ANYCAST = '203.0.113.0/24';

/**
 * POP X's router: a real bgpd (AS 64700) with an iBGP session from 127.0.0.4, where a real ExaBGP runs
 * supersparrow --exabgp as its API process, as an operator would set it up.
 */
describe('anycast through ExaBGP: supersparrow as its process, announcing to a real bgpd', () => {
  let dir: string;
  let bgpd: ChildProcess;
  let exabgp: ChildProcess | undefined;
  let health: HealthServer;
  let config: string;
  let bgpPort: number;

  const routes = (): Array<{ metric: number | undefined }> => {
    const json = JSON.parse(execFileSync(VTYSH, ['--vty_socket', dir, '-c', `show ip bgp ${ANYCAST} json`], { encoding: 'utf8' })) as {
      paths?: Array<{ metric?: number }>;
    };
    return (json.paths ?? []).map((p) => ({ metric: p.metric }));
  };
  /** How long until the anycast prefix is in bgpd's table (or gone from it), polled every 20 ms. */
  const until = async (present: boolean, limitMs: number): Promise<number> => {
    const started = Date.now();
    await waitFor(`${ANYCAST} ${present ? 'announced' : 'withdrawn'}`, async () => routes().length > 0 === present, limitMs, 20);
    return Date.now() - started;
  };
  const startExabgp = (lines: readonly string[]): void => {
    config = writeConfig(join(dir, 'supersparrow.conf'), lines);
    writeFileSync(
      join(dir, 'exabgp.conf'),
      `process supersparrow {
  run ${process.execPath} ${BIN} --exabgp -c ${config};
  encoder json;
}
neighbor 127.0.0.1 {
  router-id 127.0.0.4;
  local-address 127.0.0.4;
  local-as 64700;
  peer-as 64700;
  connect ${bgpPort};
  hold-time 30;
  family { ipv4 unicast; }
  api { processes [ supersparrow ]; neighbor-changes; }
}
`,
    );
    // No respawn: a process that ended stays ended, so what it did at the end is what the router sees.
    exabgp = launchExabgp(dir, { exabgp_tcp_bind: '', exabgp_api_respawn: 'false' });
  };
  const supersparrowPid = (): number =>
    Number(
      execFileSync('pgrep', ['-f', '--', `--exabgp -c ${config}`], { encoding: 'utf8' })
        .trim()
        .split('\n')[0],
    );
  const stopExabgp = async (): Promise<void> => {
    await stopChild(exabgp);
    exabgp = undefined;
  };

  beforeAll(async () => {
    requireFrr();
    dir = mkdtempSync(join(tmpdir(), 'ss-anycast-'));
    bgpPort = await freePort();
    writeFileSync(
      join(dir, 'bgpd.conf'),
      `frr defaults traditional
hostname anycast
router bgp 64700
 bgp router-id 127.0.0.1
 no bgp ebgp-requires-policy
 neighbor 127.0.0.4 remote-as 64700
 neighbor 127.0.0.4 passive
 address-family ipv4 unicast
  neighbor 127.0.0.4 activate
 exit-address-family
`,
    );
    const vtyPort = await freePort();
    bgpd = launchDaemon(
      dir,
      BGPD,
      [
        '-Z',
        '-n',
        '-S',
        '-f',
        join(dir, 'bgpd.conf'),
        '-i',
        join(dir, 'bgpd.pid'),
        '--vty_socket',
        dir,
        '-A',
        '127.0.0.1',
        '-P',
        String(vtyPort),
      ].concat(['-l', '127.0.0.1', '-p', String(bgpPort), '--log', `file:${join(dir, 'bgpd.log')}`]),
      { PATH: process.env.PATH },
      'bgpd.out',
    );
    await waitFor('bgpd vty socket', async () => routes().length >= 0, 10_000);
    health = await startHealthServer();
  }, 30_000);
  afterAll(async () => {
    await stopChild(exabgp);
    await stopChild(bgpd);
    await health?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('announces while this POP is up, withdraws within a second of a drain and of a failing health check, and on SIGTERM', async () => {
    const drain = join(dir, 'drain');
    startExabgp([
      'route_server table',
      `table ${join(process.cwd(), 'examples/paper-network.table')}`,
      'peer 64702=www.y.example.net',
      `self ${X}`,
      `anycast ${ANYCAST} next-hop 192.0.2.1`,
      `drain_file ${drain}`,
      `health ${X} ${health.url}`,
      'health_interval 0.2',
      'health_fall 3',
      'health_rise 2',
    ]);
    try {
      await until(true, 20_000);

      writeFileSync(drain, `${X}\n`);
      expect(await until(false, 3000)).toBeLessThanOrEqual(1000);
      unlinkSync(drain);
      await until(true, 3000);

      health.status = 503;
      // Three failures 0.2 s apart (a quarter of that while turning), then the withdrawal.
      expect(await until(false, 5000)).toBeLessThanOrEqual(2000);
      health.status = 200;
      await until(true, 5000);

      process.kill(supersparrowPid(), 'SIGTERM');
      expect(await until(false, 3000)).toBeLessThanOrEqual(1000);
      expect(readFileSync(join(dir, 'exabgp.log'), 'utf8')).not.toMatch(/Traceback/);
    } finally {
      health.status = 200;
      await stopExabgp();
    }
  }, 60_000);

  it('with anycast_med, drains gently: the prefix stays, its MED raised, and comes back to the up MED', async () => {
    const drain = join(dir, 'drain-med');
    startExabgp([
      'route_server table',
      `table ${join(process.cwd(), 'examples/paper-network.table')}`,
      'peer 64702=www.y.example.net',
      `self ${X}`,
      `anycast ${ANYCAST} next-hop 192.0.2.1`,
      'anycast_med 100 500',
      `drain_file ${drain}`,
    ]);
    try {
      await until(true, 20_000);
      expect(routes()).toEqual([{ metric: 100 }]);
      writeFileSync(drain, `${X}\n`);
      await waitFor('MED 500', async () => routes()[0]?.metric === 500, 3000, 20);
      expect(routes()).toEqual([{ metric: 500 }]);
      unlinkSync(drain);
      await waitFor('MED 100', async () => routes()[0]?.metric === 100, 3000, 20);
    } finally {
      // ExaBGP stopping takes its session, and with it the prefix.
      await stopExabgp();
    }
    await until(false, 3000);
  }, 60_000);
});
