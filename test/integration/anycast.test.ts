import { execFileSync } from 'node:child_process';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BIN, writeConfig } from '../helpers/cli.js';
import { startAnycastRouter, type AnycastRouter } from '../helpers/anycast-router.js';
import { waitFor } from '../helpers/wait.js';
import { startHealthServer, type HealthServer } from '../helpers/health-server.js';

const X = 'www.x.example.net';
const ANYCAST = '203.0.113.0/24';
/** The map's own route server lines, which the anycast lines join in one config. */
const ROUTE_TABLE = ['route_server table', `table ${join(process.cwd(), 'examples/paper-network.table')}`];
const ANNOUNCING = [`self ${X}`, `anycast ${ANYCAST} next-hop 192.0.2.1`];

/** POP X's router and, at 127.0.0.4, a real ExaBGP running supersparrow --exabgp as its process, as an operator sets it up. */
describe('anycast through ExaBGP: supersparrow as its process, announcing to a real bgpd', () => {
  let router: AnycastRouter;
  let health: HealthServer;
  let config: string;

  const routes = (): Array<{ metric: number | undefined }> => router.routes(ANYCAST);
  const until = (present: boolean, limitMs: number): Promise<number> => router.until(ANYCAST, present, limitMs);
  const startExabgp = (lines: readonly string[]): void => {
    config = writeConfig(join(router.dir, 'supersparrow.conf'), lines);
    router.startExabgp({ supersparrow: `${process.execPath} ${BIN} --exabgp -c ${config}` });
  };
  const supersparrowPid = (): number =>
    Number(
      execFileSync('pgrep', ['-f', '--', `--exabgp -c ${config}`], { encoding: 'utf8' })
        .trim()
        .split('\n')[0],
    );
  const stopExabgp = (): Promise<void> => router.stopExabgp();

  beforeAll(async () => {
    router = await startAnycastRouter();
    health = await startHealthServer();
  }, 30_000);
  afterAll(async () => {
    await router?.stop();
    await health?.stop();
  });

  it('announces while this POP is up, withdraws within a second of a drain and of a failing health check, and on SIGTERM', async () => {
    const drain = join(router.dir, 'drain');
    startExabgp([
      ...ROUTE_TABLE,
      'peer 64702=www.y.example.net',
      ...ANNOUNCING,
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
      expect(readFileSync(join(router.dir, 'exabgp.log'), 'utf8')).not.toMatch(/Traceback/);
    } finally {
      health.status = 200;
      await stopExabgp();
    }
  }, 60_000);

  it('announces an IPv6 prefix with its own next hop beside the IPv4 one, and withdraws both on a drain and on SIGTERM', async () => {
    const v6 = '2001:db8:ac::/48';
    const drain = join(router.dir, 'drain-v6');
    startExabgp([...ROUTE_TABLE, ...ANNOUNCING, `anycast ${v6} next-hop 2001:db8::1`, `drain_file ${drain}`]);
    try {
      await router.until(v6, true, 20_000);
      await until(true, 5000);
      expect(router.routes(v6)).toHaveLength(1);
      writeFileSync(drain, `${X}\n`);
      // Both withdrawn within the second the IPv4 one is held to.
      expect(await router.until(v6, false, 3000)).toBeLessThanOrEqual(1000);
      expect(await until(false, 3000)).toBeLessThanOrEqual(1000);
      unlinkSync(drain);
      await router.until(v6, true, 3000);
      process.kill(supersparrowPid(), 'SIGTERM');
      expect(await router.until(v6, false, 3000)).toBeLessThanOrEqual(1000);
      expect(await until(false, 3000)).toBeLessThanOrEqual(1000);
    } finally {
      await stopExabgp();
    }
  }, 60_000);

  it('docs/anycast.md, as shipped but for addresses, ports and paths: announced, and withdrawn by a drain', async () => {
    const guide = readFileSync(new URL('../../docs/anycast.md', import.meta.url), 'utf8');
    const blocks = [...guide.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const ours = blocks.find((b) => b.startsWith('# /etc/supersparrow.conf'))!;
    const theirs = blocks.find((b) => b.startsWith('# /etc/exabgp/exabgp.conf'))!;
    const drain = join(router.dir, 'guide-drain');
    config = writeConfig(join(router.dir, 'guide.conf'), [
      'route_server table',
      `table ${join(process.cwd(), 'examples/paper-network.table')}`,
      ...ours
        .replace('http://127.0.0.1/health', health.url)
        .replace('/etc/supersparrow.drain', drain)
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('#')),
    ]);
    const prefix = /^anycast (\S+)/m.exec(ours)![1]!;
    router.startExabgpConfig(
      theirs
        .replace('/usr/bin/supersparrow --exabgp', `${process.execPath} ${BIN} --exabgp -c ${config}`)
        .replace('neighbor 192.0.2.254', 'neighbor 127.0.0.1')
        .replace('router-id 192.0.2.1', 'router-id 127.0.0.4')
        .replace('local-address 192.0.2.1', 'local-address 127.0.0.4'),
    );
    try {
      await router.until(prefix, true, 20_000);
      writeFileSync(drain, `${X}\n`);
      expect(await router.until(prefix, false, 3000)).toBeLessThanOrEqual(1000);
    } finally {
      await stopExabgp();
    }
  }, 60_000);

  it('has the prefix back, from the same process, when the router restarts and the session returns', async () => {
    startExabgp([...ROUTE_TABLE, ...ANNOUNCING]);
    try {
      await until(true, 20_000);
      const pid = supersparrowPid();
      await router.restartBgpd();
      await until(true, 30_000);
      // The same process heard the session come back up.
      expect(supersparrowPid()).toBe(pid);
      expect(
        readFileSync(join(router.dir, 'exabgp.out'), 'utf8').match(/ExaBGP: neighbor 127\.0\.0\.1 up/g)?.length,
      ).toBeGreaterThanOrEqual(2);
    } finally {
      await stopExabgp();
    }
  }, 60_000);

  it('with anycast_med, drains gently: the prefix stays, its MED raised, and comes back to the up MED', async () => {
    const drain = join(router.dir, 'drain-med');
    startExabgp([...ROUTE_TABLE, 'peer 64702=www.y.example.net', ...ANNOUNCING, 'anycast_med 100 500', `drain_file ${drain}`]);
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
