import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PlannedPrefixes, type PlanEntry } from '../../src/core/planned-prefixes.js';
import { formatPrefix, parsePrefix } from '../../src/core/prefix.js';
import { parseRouteTable } from '../../src/parsers/route-table.js';
import { Resolver, type ResolverOptions } from '../../src/resolver/resolver.js';
import { RouteServerError } from '../../src/core/route-server-error.js';
import { FailoverRouteServer } from '../../src/route-servers/failover-route-server.js';
import { TableRouteServer } from '../../src/route-servers/table-route-server.js';
import { resolverOver } from '../helpers/resolver.js';
import { ScriptedRouteServer } from '../helpers/scripted-route-server.js';
import { scratchDir } from '../helpers/scratch.js';

const OPTIONS: ResolverOptions = {
  pops: new Map([
    [64701, 'z'],
    [64702, 'y'],
  ]),
  self: 'x',
  invalidKeyAnswer: 'NULL',
  cacheSize: 100,
  cacheTimeoutMs: 60_000,
};
const ROUTES = {
  '192.168.193.0/24': '64702 64602',
  '10.0.0.0/8': '64600 64601',
  '10.1.0.0/16': '64702 64701 64605',
  '198.18.0.0/24': 'Local',
};

describe('Resolver', () => {
  it('answers from the best path, then from the cache', async () => {
    const rs = new ScriptedRouteServer(ROUTES);
    const r = new Resolver(rs, OPTIONS);
    const first = await r.resolve('192.168.193.15');
    expect(first).toMatchObject({ answer: 'y', reason: 'peer', cache: 'miss' });
    const again = r.decide('192.168.193.15');
    expect(again).toMatchObject({ answer: 'y', cache: 'hit' });
    expect(rs.lookups).toEqual(['192.168.193.15']);
    expect(r.stats).toMatchObject({ lookups: 2, cacheHits: 1, routeServerQueries: 1 });
  });

  it('widens to the prefix only after the route server confirms no more-specific route', async () => {
    const rs = new ScriptedRouteServer(ROUTES);
    const r = new Resolver(rs, OPTIONS);
    await r.resolve('192.168.193.15');
    await new Promise((res) => setImmediate(res));
    expect(r.decide('192.168.193.99')).toMatchObject({ answer: 'y', cache: 'hit' });

    const refused = new ScriptedRouteServer(ROUTES);
    refused.exclusive = false;
    const r2 = new Resolver(refused, OPTIONS);
    await r2.resolve('192.168.193.15');
    await new Promise((res) => setImmediate(res));
    expect(r2.decide('192.168.193.99')).toBeInstanceOf(Promise);
  });

  it('does not even ask to widen a short prefix', async () => {
    const rs = new ScriptedRouteServer(ROUTES);
    const r = new Resolver(rs, OPTIONS);
    expect((await r.resolve('10.9.9.9')).answer).toBe('x');
    expect(rs.exclusivityChecks).toEqual([]);
    expect((await r.resolve('10.1.2.3')).answer).toBe('z');
  });

  it('answers self for no route and a local route', async () => {
    const r = new Resolver(new ScriptedRouteServer(ROUTES), OPTIONS);
    expect(await r.resolve('203.0.113.9')).toMatchObject({ answer: 'x', reason: 'no-route' });
    expect(await r.resolve('198.18.0.1')).toMatchObject({ answer: 'x', reason: 'no-peer' });
  });

  it('answers bad keys with the configured answer, without asking', () => {
    const rs = new ScriptedRouteServer(ROUTES);
    const r = new Resolver(rs, { ...OPTIONS, invalidKeyAnswer: 'x' });
    expect(r.decide('show ip bgp 1.2.3.4')).toMatchObject({ answer: 'x', reason: 'invalid-key', keyRejection: 'not-an-address' });
    expect(rs.lookups).toEqual([]);
    expect(r.stats.invalidKeys).toBe(1);
  });

  it('meets the deadline when the route server hangs, then answers at once until it answers again', async () => {
    const rs = new ScriptedRouteServer(ROUTES);
    rs.hang = true;
    const r = new Resolver(rs, OPTIONS);
    const first = await r.resolve('192.168.193.15', 50);
    expect(first).toMatchObject({ answer: 'x', reason: 'timeout' });
    expect(first.elapsedMs).toBeGreaterThanOrEqual(45);
    expect(r.stalled).toBe(true);
    const next = r.decide('10.1.2.3', 50);
    expect(next).toMatchObject({ answer: 'x', reason: 'unavailable' });
    expect(rs.lookups).toEqual(['192.168.193.15']);
    rs.release();
    await new Promise((res) => setTimeout(res, 10));
    expect(r.stalled).toBe(false);
    expect(r.decide('192.168.193.15')).toMatchObject({ answer: 'y', cache: 'hit' });
  });

  it('answers self at once while the route server is unavailable', () => {
    const rs = new ScriptedRouteServer(ROUTES);
    rs.available = false;
    const r = new Resolver(rs, OPTIONS);
    expect(r.decide('192.168.193.15')).toMatchObject({ answer: 'x', reason: 'unavailable' });
    expect(rs.lookups).toEqual([]);
    expect(r.stats.fallbacks).toBe(1);
  });

  it('turns route server errors into counted fallbacks', async () => {
    const rs = new ScriptedRouteServer(ROUTES);
    rs.failWith = new RouteServerError('protocol', 'garbled');
    const r = new Resolver(rs, OPTIONS);
    expect(await r.resolve('192.168.193.15')).toMatchObject({ answer: 'x', reason: 'error', error: 'garbled' });
    rs.failWith = new RouteServerError('unavailable', 'closed');
    expect(await r.resolve('192.168.193.16')).toMatchObject({ answer: 'x', reason: 'unavailable' });
    expect(r.stats.fallbacks).toBe(2);
  });

  it('asks once for concurrent lookups of one address', async () => {
    const rs = new ScriptedRouteServer(ROUTES);
    rs.delayMs = 10;
    const r = new Resolver(rs, { ...OPTIONS, cacheSize: 0 });
    const answers = await Promise.all([r.resolve('10.1.2.3'), r.resolve('10.1.2.3'), r.resolve(' 10.1.2.3 ')]);
    expect(answers.map((a) => a.answer)).toEqual(['z', 'z', 'z']);
    expect(rs.lookups).toEqual(['10.1.2.3']);
  });

  it('works over a table route server, whose routes know their exclusivity', async () => {
    const file = join(scratchDir('resolver-table'), 'routes.txt');
    writeFileSync(file, '10.0.0.0/8 64600\n10.1.0.0/16 64702\n192.0.2.0/24 64701\n');
    const server = TableRouteServer.fromFile(file, new Set([64600, 64701, 64702]));
    const r = new Resolver(server, OPTIONS);
    expect((await r.resolve('10.1.2.3')).answer).toBe('y');
    expect(r.decide('10.1.9.9')).toMatchObject({ answer: 'y', cache: 'hit' });
    expect((await r.resolve('10.9.9.9')).answer).toBe('x');
    expect(r.decide('10.1.7.7')).toMatchObject({ answer: 'y', cache: 'hit' });
    expect(r.decide('10.9.9.8')).toBeInstanceOf(Promise);
    await server.close();
  });

  it("with explore on, no answer reaches past a /24 (a DNS scope) but a plan line's, on a miss, a hit, around a hole and under an override", async () => {
    const routes = {
      '10.1.0.0/16': '64702 64605',
      '10.1.128.0/17': '64701 64606',
      '10.2.0.0/16': '64702 64607',
      '10.3.0.0/16': '64701 64608',
      '10.9.0.0/16': '64600 64609',
    };
    const entry = (text: string, pop: string, latency?: true): PlanEntry => ({
      prefix: parsePrefix(text)!,
      pop,
      untilMs: undefined,
      line: 1,
      ...(latency ? { latency } : {}),
    });
    const plan = new PlannedPrefixes([entry('10.2.0.0/16', 'z'), entry('10.3.0.0/16', 'y', true)]);
    const reach = async (r: Resolver, key: string): Promise<string> => {
      const decision = await r.resolve(key);
      await r.settled();
      return `${decision.answer} ${decision.reason} ${decision.cache} ${formatPrefix(decision.validFor!)}`;
    };
    for (const planned of [undefined, plan]) {
      const extra = planned ? { plan: planned } : {};
      const exploring = new Resolver(new ScriptedRouteServer(routes), { ...OPTIONS, ...extra, explore: 0.000_001 });
      const plain = new Resolver(new ScriptedRouteServer(routes), { ...OPTIONS, ...extra });
      // A miss, then hits on the /16, around the /17 inside it, and on the /17.
      expect(await reach(exploring, '10.1.2.3')).toBe('y peer miss 10.1.2.3/32');
      expect(await reach(exploring, '10.1.9.9')).toBe('y peer hit 10.1.9.0/24');
      expect(await reach(plain, '10.1.2.3')).toBe('y peer miss 10.1.2.3/32');
      expect(await reach(plain, '10.1.9.9')).toBe('y peer hit 10.1.0.0/17');
      expect(await reach(exploring, '10.1.200.9')).toBe('z peer miss 10.1.200.9/32');
      expect(await reach(exploring, '10.1.201.9')).toBe('z peer hit 10.1.201.0/24');
      expect(await reach(plain, '10.1.200.9')).toBe('z peer miss 10.1.200.9/32');
      expect(await reach(plain, '10.1.201.9')).toBe('z peer hit 10.1.128.0/17');
      expect(await reach(exploring, '10.9.9.9')).toBe('x no-peer miss 10.9.9.9/32');
      expect(await reach(exploring, '10.9.9.10')).toBe('x no-peer hit 10.9.9.0/24');
      // A plan line's answer keeps its reach; a latency override's is explored, and narrowed, as BGP's is.
      expect(await reach(exploring, '10.2.3.4')).toBe(planned ? 'z plan miss 10.2.3.4/32' : 'y peer miss 10.2.3.4/32');
      expect(await reach(exploring, '10.2.3.5')).toBe(planned ? 'z plan hit 10.2.0.0/16' : 'y peer hit 10.2.3.0/24');
      expect(await reach(exploring, '10.3.3.4')).toBe(planned ? 'y latency miss 10.3.3.4/32' : 'z peer miss 10.3.3.4/32');
      expect(await reach(exploring, '10.3.3.5')).toBe(planned ? 'y latency hit 10.3.3.0/24' : 'z peer hit 10.3.3.0/24');
    }
  });
});

describe('route table file', () => {
  it('names the file and line of a bad entry', () => {
    expect(() => parseRouteTable('10.0.0.0/8 64600\n10.0.0.1/8 64600\n', 'routes.txt')).toThrow(/^routes.txt:2: expected "PREFIX AS-PATH"/);
    expect(() => parseRouteTable('10.0.0.0/8 64600 x\n', 'routes.txt')).toThrow(/^routes.txt:1: "x" is not an AS number/);
    expect(() => parseRouteTable('10.0.0.0/8 1\n10.0.0.0/8 2\n', 'routes.txt')).toThrow(/^routes.txt:2: 10.0.0.0\/8 is listed twice/);
  });
});

describe('Resolver: answers cached for whole prefixes, more-specifics excepted', () => {
  const TABLE = { '10.0.0.0/8': '64600 64601', '10.1.0.0/16': '64702 64701 64605', '10.2.3.0/28': '64702' };

  it('caches a prefix whole once its more-specific routes are known, and asks again inside them', async () => {
    const rs = new ScriptedRouteServer(TABLE);
    const r = new Resolver(rs, { ...OPTIONS, widenMinLength: { 4: 8, 6: 16 } });
    expect((await r.resolve('10.9.9.9')).answer).toBe('x');
    await r.settled();
    expect(r.decide('10.200.1.1')).toMatchObject({ answer: 'x', cache: 'hit' });
    const inside = r.decide('10.1.2.3');
    expect(inside).toBeInstanceOf(Promise);
    expect(await inside).toMatchObject({ answer: 'z', cache: 'miss' });
    expect(await r.resolve('10.2.3.4')).toMatchObject({ answer: 'y', cache: 'miss' });
    expect(rs.lookups).toEqual(['10.9.9.9', '10.1.2.3', '10.2.3.4']);
  });

  it("caches no route for the client's /24 when nothing inside it has a route", async () => {
    const rs = new ScriptedRouteServer(TABLE);
    const r = new Resolver(rs, OPTIONS);
    expect(await r.resolve('203.0.113.9')).toMatchObject({ reason: 'no-route' });
    await r.settled();
    expect(r.decide('203.0.113.200')).toMatchObject({ reason: 'no-route', cache: 'hit' });
    expect(rs.lookups).toEqual(['203.0.113.9']);
  });

  it('keeps the default of /16 and /32 for batch mode: a /8 is cached per address', async () => {
    const rs = new ScriptedRouteServer(TABLE);
    const r = new Resolver(rs, OPTIONS);
    await r.resolve('10.9.9.9');
    await r.settled();
    expect(r.decide('10.9.9.10')).toBeInstanceOf(Promise);
  });
});

describe('Resolver: the lifetime of "no route"', () => {
  it('keeps a no-route answer only for negative_cache_timeout, a route for cache_timeout', async () => {
    let now = 0;
    const rs = new ScriptedRouteServer({ '192.168.193.0/24': '64702 64602' });
    const r = new Resolver(rs, { ...OPTIONS, negativeCacheTimeoutMs: 30_000, clock: () => now });
    await r.resolve('203.0.113.9');
    await r.resolve('192.168.193.15');
    await r.settled();
    now = 29_000;
    expect(r.decide('203.0.113.9')).toMatchObject({ reason: 'no-route', cache: 'hit' });
    now = 31_000;
    expect(r.decide('203.0.113.9')).toBeInstanceOf(Promise);
    expect(r.decide('192.168.193.15')).toMatchObject({ reason: 'peer', cache: 'hit' });
  });
});

describe('several route servers behind FailoverRouteServer', () => {
  it("keeps a member's protocol error an error (reason error), and an outage an outage (unavailable)", async () => {
    const garbled = new ScriptedRouteServer({ '192.168.193.0/24': '64702 64602' });
    garbled.failWith = new RouteServerError('protocol', 'unreadable reply to show ip bgp 192.168.193.1');
    const down = new ScriptedRouteServer({});
    down.failWith = new RouteServerError('unavailable', 'connection refused');
    const options = { pops: new Map([[64702, 'y']]), self: 'x', cacheSize: 10, cacheTimeoutMs: 1000 };
    const mixed = resolverOver(new FailoverRouteServer([down, garbled], 1000), options);
    expect(await mixed.resolve('192.168.193.1')).toMatchObject({ answer: 'x', reason: 'error' });
    const outage = resolverOver(new FailoverRouteServer([down], 1000), options);
    expect(await outage.resolve('192.168.193.1')).toMatchObject({ answer: 'x', reason: 'unavailable' });
  });
});
