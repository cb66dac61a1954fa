import { afterEach, describe, expect, it } from '@jest/globals';
import { FailoverRouteServer } from '../../src/route-servers/failover-route-server.js';
import type { Resolver } from '../../src/resolver/resolver.js';
import { VtyRouteServer } from '../../src/route-servers/vty-route-server.js';
import { MapProgram, PEERS, writeConfig } from '../helpers/cli.js';
import { freePort, startFrrTestbed, VTY_PASSWORD, type FrrTestbed } from '../helpers/frr-testbed.js';
import { X, Y } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';
import { join } from 'node:path';
import { resolverOver } from '../helpers/resolver.js';

const DEADLINE_MS = 250;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function pair(): Promise<{ a: FrrTestbed; b: FrrTestbed; resolver: Resolver; failover: FailoverRouteServer }> {
  const [a, b] = await Promise.all([startFrrTestbed(), startFrrTestbed()]);
  cleanups.push(
    () => a.stop(),
    () => b.stop(),
  );
  const member = (t: FrrTestbed): VtyRouteServer =>
    new VtyRouteServer({ host: '127.0.0.1', port: t.vtyPort, password: VTY_PASSWORD, timeoutMs: 1000 });
  const failover = new FailoverRouteServer([member(a), member(b)], 100);
  cleanups.push(() => failover.close());
  const resolver = resolverOver(failover, { pops: new Map([[64702, Y]]) });
  return { a, b, resolver, failover };
}

describe('several route servers, tried in order (real bgpd)', () => {
  it('asks the first, and the second at once when the first is stopped', async () => {
    const { a, b, resolver } = await pair();
    const first = await resolver.resolve('192.168.193.15', DEADLINE_MS);
    expect(first).toMatchObject({ answer: Y, routeServer: `zebra 127.0.0.1:${a.vtyPort}` });
    await a.stopBgpd();
    for (let i = 0; i < 5; i++) {
      const d = await resolver.resolve(`192.168.193.${20 + i}`, DEADLINE_MS);
      expect(d).toMatchObject({ answer: Y, reason: 'peer', routeServer: `zebra 127.0.0.1:${b.vtyPort}` });
      expect(d.elapsedMs).toBeLessThan(DEADLINE_MS);
    }
    await a.restart();
    const deadline = Date.now() + 10_000;
    let back = await resolver.resolve('192.168.193.15', DEADLINE_MS);
    while (back.routeServer !== `zebra 127.0.0.1:${a.vtyPort}` && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      back = await resolver.resolve('192.168.193.15', DEADLINE_MS);
    }
    expect(back).toMatchObject({ answer: Y, routeServer: `zebra 127.0.0.1:${a.vtyPort}` });
  }, 60_000);

  it('skips a hung first route server within the deadline, and goes back to it once it answers', async () => {
    const { a, b, resolver } = await pair();
    expect((await resolver.resolve('192.168.193.15', DEADLINE_MS)).answer).toBe(Y);
    a.pause();
    try {
      const skipped = await resolver.resolve('192.168.193.16', DEADLINE_MS);
      expect(skipped).toMatchObject({ answer: Y, reason: 'peer', routeServer: `zebra 127.0.0.1:${b.vtyPort}` });
      expect(skipped.elapsedMs).toBeLessThan(DEADLINE_MS);
      const next = await resolver.resolve('192.168.193.17', DEADLINE_MS);
      expect(next.routeServer).toBe(`zebra 127.0.0.1:${b.vtyPort}`);
      expect(next.elapsedMs).toBeLessThan(50);
    } finally {
      a.resume();
    }
    const deadline = Date.now() + 10_000;
    let back = await resolver.resolve('192.168.193.18', DEADLINE_MS);
    while (back.routeServer !== `zebra 127.0.0.1:${a.vtyPort}` && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      back = await resolver.resolve('192.168.193.18', DEADLINE_MS);
    }
    expect(back.routeServer).toBe(`zebra 127.0.0.1:${a.vtyPort}`);
  }, 60_000);

  it('the batch CLI fails over along its host list, the first one a closed port', async () => {
    const b = await startFrrTestbed();
    cleanups.push(() => b.stop());
    const closed = await freePort();
    const config = writeConfig(join(scratchDir('failover'), 'supersparrow.conf'), [
      `host 127.0.0.1:${closed}, 127.0.0.1:${b.vtyPort}`,
      `password ${VTY_PASSWORD}`,
      PEERS,
      `self ${X}`,
      `deadline ${DEADLINE_MS}`,
      'batch',
    ]);
    const map = new MapProgram(['--config', config, '--verbose']);
    cleanups.push(() => map.kill());
    for (const key of ['192.168.193.15', '10.9.9.9', '2001:db8:193::1']) {
      const { answer, ms } = await map.ask(key);
      expect(answer).toBe(key === '10.9.9.9' ? X : Y);
      expect(ms).toBeLessThan(DEADLINE_MS + 150);
    }
    expect(map.stderr).toContain(`route server zebra 127.0.0.1:${b.vtyPort}`);
    expect((await map.end()).code).toBe(0);
  }, 60_000);
});
