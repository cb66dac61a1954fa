import { afterEach, describe, expect, it } from '@jest/globals';
import { isProcessAlive, waitUntil, type Apache, type HttpResult } from '../helpers/apache.js';
import { client, DEADLINE_MS, mapConfig, startSite, WELL_FORMED_LOCATION, X, Y, Z } from '../helpers/apache-site.js';
import { startFrrTestbed, type FrrTestbed } from '../helpers/frr-testbed.js';

/** Apache, node's HTTP client and the loopback add this much to the map's own deadline. */
const REQUEST_MARGIN_MS = 400;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function site(execTimeout?: string, mpm: 'event' | 'prefork' = 'event'): Promise<{ testbed: FrrTestbed; apache: Apache }> {
  const testbed = await startFrrTestbed(execTimeout ? { execTimeout } : {});
  cleanups.push(() => testbed.stop());
  // With its sessions watched every second the vty never idles: idle closes are tested without that.
  const apache = await startSite(mapConfig(testbed.vtyPort, execTimeout ? ['pop_liveness off'] : []), { mpm });
  cleanups.push(() => apache.stop());
  return { testbed, apache };
}

/** Every request is answered, in time, with a well-formed Location naming the right POP or self. */
function expectSafe(results: readonly HttpResult[], right: string): void {
  for (const r of results) {
    expect(r.status).toBe(302);
    expect(r.location).toMatch(WELL_FORMED_LOCATION);
    expect([`http://${right}/page`, `http://${X}/page`]).toContain(r.location);
    expect(r.ms).toBeLessThan(DEADLINE_MS + REQUEST_MARGIN_MS);
  }
}

/** Distinct clients of a POP Y prefix (`net` is its first three octets), so each may need the route server. */
async function burst(apache: Apache, count: number, net: string, concurrency = 4): Promise<HttpResult[]> {
  const results: HttpResult[] = [];
  for (let i = 0; i < count; i += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - i) }, (_, j) => client(apache, `${net}.${((i + j) % 250) + 1}`));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

/** A long run of alternating clients: any desync of the map's pipe shows as a wrong POP. */
async function expectInStep(apache: Apache, rounds = 60): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const [address, pop] = i % 3 === 0 ? ['192.168.193.15', Y] : i % 3 === 1 ? ['10.1.2.3', Z] : ['203.0.113.9', X];
    expect((await client(apache, address)).location).toBe(`http://${pop}/page`);
  }
}

async function untilRightPop(apache: Apache, timeoutMs = 15_000): Promise<void> {
  let n = 0;
  await waitUntil(
    'route server answering again',
    async () => (await client(apache, `198.51.100.${(n++ % 250) + 1}`)).location === `http://${Y}/page`,
    timeoutMs,
  );
}

describe('Apache + supersparrow + real bgpd under faults', () => {
  it('bgpd stopped: fallback answers in time, then the right POP again once it is back', async () => {
    const { testbed, apache } = await site();
    expectSafe(await burst(apache, 8, '192.168.193'), Y);
    await testbed.stopBgpd();
    const down = await burst(apache, 24, '198.51.100');
    expectSafe(down, Y);
    expect(down.some((r) => r.location === `http://${X}/page`)).toBe(true);
    await testbed.restart();
    await untilRightPop(apache);
    await expectInStep(apache);
  }, 60_000);

  it('bgpd hung (SIGSTOP): no request waits past the deadline, recovery after SIGCONT', async () => {
    const { testbed, apache } = await site();
    expectSafe(await burst(apache, 8, '192.168.193'), Y);
    testbed.pause();
    try {
      const hung = await burst(apache, 32, '198.51.100', 8);
      expectSafe(hung, Y);
      expect(hung.every((r) => r.location === `http://${X}/page`)).toBe(true);
      expect(apache.errorLog()).toMatch(/no answer from zebra 127\.0\.0\.1:\d+ within 200 ms/);
    } finally {
      testbed.resume();
    }
    await untilRightPop(apache);
    await expectInStep(apache);
  }, 60_000);

  it('bgpd restarted under load: every request answered, then in step', async () => {
    const { testbed, apache } = await site();
    const during = burst(apache, 60, '198.51.100', 2);
    await testbed.restart();
    expectSafe(await during, Y);
    await untilRightPop(apache);
    await expectInStep(apache);
  }, 60_000);

  it('vty sessions closed for idleness: still the right POP, no fallback', async () => {
    const { apache } = await site('0 1');
    expect((await client(apache, '192.168.193.15')).location).toBe(`http://${Y}/page`);
    for (let round = 0; round < 2; round++) {
      await new Promise((r) => setTimeout(r, 1600));
      const fresh = await client(apache, `198.51.100.${10 + round}`);
      expect(fresh.location).toBe(`http://${Y}/page`);
    }
    expect(apache.errorLog()).toMatch(/route server lost: .*exec-timeout closed the idle session/);
    await expectInStep(apache, 30);
  }, 60_000);

  it.each([
    ['graceful restart', 'SIGUSR1', 'event'],
    ['hard restart', 'SIGHUP', 'event'],
    ['graceful restart', 'SIGUSR1', 'prefork'],
    ['hard restart', 'SIGHUP', 'prefork'],
  ] as const)(
    'Apache %s (%s, mpm_%s): the old map is gone within a second, the new one answers',
    async (_what, signal, mpm) => {
      const { apache } = await site(undefined, mpm);
      await expectInStep(apache, 9);
      const [oldMap] = apache.mapPids();
      expect(oldMap).toBeDefined();
      const during = burst(apache, 20, '198.51.100', 2).catch(() => []);
      const asked = Date.now();
      apache.signal(signal);
      await waitUntil('old map exited', () => !isProcessAlive(oldMap!), 1000);
      expect(Date.now() - asked).toBeLessThan(1000);
      await apache.waitForMap([oldMap!]);
      for (const r of await during) {
        if (r.status === 302) expect(r.location).toMatch(WELL_FORMED_LOCATION);
      }
      await waitUntil(
        'apache answering after restart',
        async () => {
          try {
            return (await client(apache, '192.168.193.15')).status === 302;
          } catch {
            return false;
          }
        },
        5000,
      );
      await expectInStep(apache);
    },
    60_000,
  );

  it.each(['event', 'prefork'] as const)(
    'Apache stop (mpm_%s): the map is gone within a second and logs its summary',
    async (mpm) => {
      const { apache } = await site(undefined, mpm);
      await expectInStep(apache, 6);
      const [map] = apache.mapPids();
      const log = apache.errorLog.bind(apache);
      const asked = Date.now();
      apache.signal('SIGTERM');
      await waitUntil('map exited', () => !isProcessAlive(map!), 1000);
      expect(Date.now() - asked).toBeLessThan(1000);
      await waitUntil('summary logged', () => /supersparrow\[\d+\]: (?:SIGTERM|end of input): lookups=\d+/.test(log()), 3000);
    },
    60_000,
  );
});
