import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Resolver, Decision } from '../../src/resolver/resolver.js';
import { VtyRouteServer } from '../../src/route-servers/vty-route-server.js';
import { MapProgram, PEERS, writeConfig } from '../helpers/cli.js';
import { startFrrTestbed, VTY_PASSWORD, type FrrTestbed } from '../helpers/frr-testbed.js';
import { scratchDir } from '../helpers/scratch.js';
import { resolverOver } from '../helpers/resolver.js';
import { waitFor } from '../helpers/wait.js';

const X = 'www.x.example.net';
const Y = 'www.y.example.net';
const DEADLINE_MS = 200;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(options: { execTimeout?: string } = {}): Promise<{ testbed: FrrTestbed; resolver: Resolver; states: string[] }> {
  const testbed = await startFrrTestbed(options);
  cleanups.push(() => testbed.stop());
  const states: string[] = [];
  const routeServer = new VtyRouteServer({ host: '127.0.0.1', port: testbed.vtyPort, password: VTY_PASSWORD, timeoutMs: 1000 }, (e) =>
    states.push(e.kind),
  );
  cleanups.push(() => routeServer.close());
  const resolver = resolverOver(routeServer, { pops: new Map([[64702, Y]]) });
  return { testbed, resolver, states };
}

/** Asks until the route server answers from its table again, bounded in time. */
async function untilRecovered(resolver: Resolver, timeoutMs: number): Promise<Decision> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await resolver.resolve('192.168.193.15', DEADLINE_MS);
    if (d.reason === 'peer' || Date.now() > deadline) return d;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('zebra route server faults, with a real bgpd', () => {
  it('answers self at once while bgpd is stopped, and recovers when it is back', async () => {
    const { testbed, resolver } = await setup();
    expect((await resolver.resolve('192.168.193.15', DEADLINE_MS)).answer).toBe(Y);
    await testbed.stopBgpd();
    const down = await resolver.resolve('192.168.193.15', DEADLINE_MS);
    expect(down.answer).toBe(X);
    expect(['unavailable', 'timeout']).toContain(down.reason);
    const started = performance.now();
    for (let i = 0; i < 20; i++) expect((await resolver.resolve(`192.168.193.${i}`, DEADLINE_MS)).answer).toBe(X);
    expect(performance.now() - started).toBeLessThan(20 * DEADLINE_MS);
    await testbed.restart();
    const back = await untilRecovered(resolver, 10_000);
    expect(back.answer).toBe(Y);
    expect(resolver.stats.fallbacks).toBeGreaterThan(0);
  }, 40_000);

  it('answers within the deadline when bgpd hangs (SIGSTOP), then at once, and recovers after SIGCONT', async () => {
    const { testbed, resolver } = await setup();
    expect((await resolver.resolve('192.168.193.15', DEADLINE_MS)).answer).toBe(Y);
    testbed.pause();
    try {
      const first = await resolver.resolve('192.168.193.16', DEADLINE_MS);
      expect(first.answer).toBe(X);
      expect(first.reason).toBe('timeout');
      expect(first.elapsedMs).toBeLessThan(DEADLINE_MS + 100);
      for (let i = 0; i < 10; i++) {
        const next = await resolver.resolve(`192.168.193.${20 + i}`, DEADLINE_MS);
        expect(next.answer).toBe(X);
        expect(next.reason).toBe('unavailable');
        expect(next.elapsedMs).toBeLessThan(20);
      }
    } finally {
      testbed.resume();
    }
    const back = await untilRecovered(resolver, 10_000);
    expect(back.answer).toBe(Y);
  }, 40_000);

  it('reconnects by itself after bgpd restarts under an open session', async () => {
    const { testbed, resolver, states } = await setup();
    expect((await resolver.resolve('192.168.193.15', DEADLINE_MS)).answer).toBe(Y);
    await testbed.restart();
    const back = await untilRecovered(resolver, 10_000);
    expect(back.answer).toBe(Y);
    expect(states.filter((s) => s === 'up').length).toBeGreaterThanOrEqual(2);
  }, 40_000);

  it('reopens a session the route server closed for idleness, without a fallback answer', async () => {
    const { resolver, states } = await setup({ execTimeout: '0 1' });
    expect((await resolver.resolve('192.168.193.15', DEADLINE_MS)).answer).toBe(Y);
    await waitFor('the idle session closed', () => states.includes('lost'), 5000).catch(() => undefined);
    expect(states).toContain('lost');
    const after = await resolver.resolve('192.168.193.15', DEADLINE_MS);
    expect(after.answer).toBe(Y);
    expect(after.reason).toBe('peer');
    expect(resolver.stats.fallbacks).toBe(0);
  }, 30_000);

  it('reports a stall as lasting from when bgpd stopped answering, not from when the timeout noticed it', async () => {
    const { testbed } = await setup();
    const config = writeConfig(join(scratchDir('stall'), 'supersparrow.conf'), [
      'route_server zebra',
      `port ${testbed.vtyPort}`,
      `password ${VTY_PASSWORD}`,
      PEERS,
      `self ${X}`,
      'batch',
      `deadline ${DEADLINE_MS}`,
      'timeout 1',
      'pop_liveness off',
    ]);
    const map = new MapProgram(['--config', config]);
    cleanups.push(() => map.kill());
    expect((await map.ask('192.168.193.15')).answer).toBe(Y);
    testbed.pause();
    const stalled = performance.now();
    try {
      expect((await map.ask('198.51.100.1')).answer).toBe(X);
      await new Promise((r) => setTimeout(r, 3000));
    } finally {
      testbed.resume();
    }
    const stallMs = performance.now() - stalled;
    await map.askUntil('198.51.100.2', Y, 10_000);
    const reported = /answers again \(.*\) after ([\d.]+) (ms|s) down/.exec(map.stderr);
    expect(reported).not.toBeNull();
    const downMs = Number(reported![1]) * (reported![2] === 's' ? 1000 : 1);
    // The whole stall at least (less the log's rounding), where the timeout alone would give about 2 s.
    expect(downMs).toBeGreaterThanOrEqual(stallMs - 100);
  }, 40_000);

  it('the batch CLI keeps its one-line-per-key deadline while bgpd hangs', async () => {
    const { testbed } = await setup();
    const dir = scratchDir('faults');
    const config = writeConfig(join(dir, 'supersparrow.conf'), [
      'route_server zebra',
      `port ${testbed.vtyPort}`,
      `password ${VTY_PASSWORD}`,
      PEERS,
      `self ${X}`,
      'batch',
      `deadline ${DEADLINE_MS}`,
      'timeout 1',
    ]);
    const map = new MapProgram(['--config', config]);
    cleanups.push(() => map.kill());
    expect((await map.ask('192.168.193.15')).answer).toBe(Y);
    testbed.pause();
    try {
      const times: number[] = [];
      for (let i = 0; i < 8; i++) {
        const { answer, ms } = await map.ask(`198.51.100.${i}`);
        expect(answer).toBe(X);
        times.push(ms);
      }
      expect(Math.max(...times)).toBeLessThan(DEADLINE_MS + 150);
      expect(times.slice(1).every((t) => t < 50)).toBe(true);
    } finally {
      testbed.resume();
    }
    const deadline = Date.now() + 10_000;
    let answer = '';
    while (answer !== Y && Date.now() < deadline) {
      answer = (await map.ask('192.168.193.15')).answer;
      if (answer !== Y) await new Promise((r) => setTimeout(r, 100));
    }
    expect(answer).toBe(Y);
    const status = await map.end();
    expect(status.code).toBe(0);
    expect(map.stderr).toMatch(/supersparrow\[\d+\]: /);
  }, 40_000);
});
