import { describe, expect, it } from '@jest/globals';
import { configChanges, directiveName } from '../../src/config/config-watch.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { afterProbe, initialHealth, nextProbeAt, type HealthRules } from '../../src/pops/health-state.js';
import { PopAvailability, popCondition, type PopStateChange } from '../../src/pops/pop-availability.js';
import { resolverOver } from '../helpers/resolver.js';
import { X, Y, Z } from '../helpers/route-cases.js';
import { ScriptedRouteServer } from '../helpers/scripted-route-server.js';

const POPS = new Map([
  [64700, X],
  [64701, Z],
  [64702, Y],
]);

describe('POP availability from several checks', () => {
  it('reports each POP once when it goes out and once when it is back, with how long it lasted', () => {
    let now = 1000;
    const changes: PopStateChange[] = [];
    const availability = new PopAvailability(
      POPS,
      (c) => changes.push(c),
      () => now,
    );
    const drained = new Set<number>();
    const unhealthy = new Set<string>();
    availability.addCheck('drained', (asn) => (drained.has(asn) ? 'drained' : undefined));
    availability.addCheck('health', (_asn, answer) => (unhealthy.has(answer) ? 'health check failing' : undefined));
    expect(changes).toEqual([]);
    drained.add(64702);
    now = 2000;
    availability.refresh();
    expect(availability.unavailable(64702, Y)).toBe('drained');
    expect(changes).toEqual([{ asn: 64702, answer: Y, why: 'drained', causes: ['drained'], sinceMs: 2000, lastedMs: 1000 }]);
    // A second reason keeps it out: no new report, both reasons shown.
    unhealthy.add(Y);
    now = 2500;
    availability.refresh();
    expect(changes).toHaveLength(1);
    expect(availability.unavailable(64702, Y)).toBe('drained; health check failing');
    const both = availability.states().find((st) => st.asn === 64702)!;
    expect(both.causes).toEqual(['drained', 'health']);
    expect(popCondition(both)).toBe('drained');
    expect(popCondition({ causes: ['health', 'sessions'] })).toBe('unhealthy');
    expect(popCondition({ causes: ['sessions'] })).toBe('down');
    drained.delete(64702);
    unhealthy.delete(Y);
    now = 5000;
    availability.refresh();
    expect(changes[1]).toEqual({ asn: 64702, answer: Y, why: undefined, causes: [], sinceMs: 5000, lastedMs: 3000 });
    expect(availability.states().map((s) => s.why)).toEqual([undefined, undefined, undefined]);
  });

  it('forgets POPs that leave the table without a report, and takes new ones as they are', () => {
    const changes: PopStateChange[] = [];
    const availability = new PopAvailability(POPS, (c) => changes.push(c));
    availability.addCheck('drained', (asn) => (asn === 64799 ? 'drained' : undefined));
    availability.setPops(new Map([[64799, 'new.example.net']]));
    expect(changes).toEqual([]);
    expect(availability.states()).toMatchObject([{ asn: 64799, why: 'drained' }]);
  });
});

describe('health checks count as haproxy does', () => {
  const rules: HealthRules = { rise: 2, fall: 3, intervalMs: 1000, fastIntervalMs: 250 };

  it('goes down after fall failures in a row and up after rise passes, probing fast while turning', () => {
    let r = initialHealth(0);
    expect(nextProbeAt(r, rules)).toBe(250);
    r = afterProbe(r, true, 'HTTP 200', 100, rules);
    expect(nextProbeAt(r, rules)).toBe(1100);
    r = afterProbe(r, false, 'HTTP 503', 1100, rules);
    expect(r).toMatchObject({ up: true, run: 1 });
    expect(nextProbeAt(r, rules)).toBe(1350);
    r = afterProbe(r, true, 'HTTP 200', 1350, rules);
    expect(r).toMatchObject({ up: true, run: 0 });
    for (const at of [2350, 2600]) r = afterProbe(r, false, 'HTTP 503', at, rules);
    expect(r.up).toBe(true);
    r = afterProbe(r, false, 'HTTP 503', 2850, rules);
    expect(r).toMatchObject({ up: false, run: 0, sinceMs: 2850, detail: 'HTTP 503' });
    r = afterProbe(r, true, 'HTTP 200', 3850, rules);
    expect(r.up).toBe(false);
    r = afterProbe(r, true, 'HTTP 200', 4100, rules);
    expect(r).toMatchObject({ up: true, sinceMs: 4100 });
  });
});

describe('a POP changing state forgets only the answers it makes stale', () => {
  it('drops answers whose path holds the POP, and on its return those learned while it was out', async () => {
    let out = false;
    const routeServer = new ScriptedRouteServer({
      '192.168.193.0/24': '64702 64602',
      '10.1.0.0/16': '64702 64701 64605',
      '203.0.113.0/24': '64600 65001',
    });
    let now = 0;
    const resolver = resolverOver(routeServer, {
      clock: () => now,
      cacheSize: 100,
      cacheTimeoutMs: 60_000,
      popUnavailable: (asn) => (out && asn === 64701 ? 'drained' : undefined),
    });
    const answer = async (key: string) => (await resolver.resolve(key)).answer;
    expect(await answer('192.168.193.15')).toBe(Y);
    expect(await answer('10.1.2.3')).toBe(Z);
    expect(await answer('203.0.113.9')).toBe(X);
    await resolver.settled();
    now = 1000;
    out = true;
    expect(resolver.forgetAnswersInvolving(64701)).toBe(1);
    expect(await answer('10.1.2.3')).toBe(Y);
    const before = routeServer.lookups.length;
    expect(await answer('192.168.193.15')).toBe(Y);
    expect(await answer('203.0.113.9')).toBe(X);
    expect(routeServer.lookups.length).toBe(before);
    await resolver.settled();
    now = 1050;
    out = false;
    // Back after 50 ms: 10.1.2.3 (walked past it) goes; so would anything learned in those 50 ms.
    expect(resolver.forgetAnswersInvolving(64701, 50)).toBe(1);
    expect((await resolver.resolve('10.1.2.3')).skipped).toBeUndefined();
    expect(await answer('10.1.2.3')).toBe(Z);
    expect(resolver.forgetAnswersInvolving(64600, 60_000)).toBeGreaterThanOrEqual(3);
  });
});

describe('config reload', () => {
  it('applies POPs, self, health and drain file now, and names what takes a restart', () => {
    const next = {
      ...DEFAULT_CONFIG,
      pops: new Map([[64702, Y]]),
      self: X,
      drainFile: '/etc/supersparrow.drain',
      health: [{ host: Y, url: 'http://192.0.2.7/health', where: 'f:1' }],
      hosts: ['127.0.0.1:2605'],
      deadlineMs: 100,
    };
    const { applied, needRestart } = configChanges(DEFAULT_CONFIG, next);
    expect(applied.map(directiveName).sort()).toEqual(['drain_file', 'health', 'peer', 'self']);
    expect(needRestart.map(directiveName).sort()).toEqual(['deadline', 'host']);
    expect(configChanges(next, { ...next, pops: new Map([[64702, Y]]) })).toEqual({ applied: [], needRestart: [] });
  });
});
