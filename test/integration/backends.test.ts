import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { formatAsPath } from '../../src/core/as-path.js';
import { BirdRouteServer } from '../../src/route-servers/bird-route-server.js';
import { MrtRouteServer } from '../../src/route-servers/mrt-route-server.js';
import { formatPrefix } from '../../src/core/prefix.js';
import type { RouteServer } from '../../src/route-servers/route-server.js';
import { VtyRouteServer } from '../../src/route-servers/vty-route-server.js';
import { startBirdTestbed, type BirdTestbed } from '../helpers/bird-testbed.js';
import { resolverOver } from '../helpers/resolver.js';
import { startFrrTestbed, VTY_PASSWORD, type FrrTestbed } from '../helpers/frr-testbed.js';
import { ROUTE_CASES } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';

/** The same routes in real FRR (text and JSON), a real BIRD, and an MRT dump written by the real bgpd. */
describe('every backend gives the same answers for the same routes', () => {
  let frr: FrrTestbed;
  let bird: BirdTestbed;
  const servers = new Map<string, RouteServer>();

  beforeAll(async () => {
    [frr, bird] = await Promise.all([startFrrTestbed(), startBirdTestbed()]);
    const mrt = join(scratchDir('backends'), 'rib.mrt');
    await frr.dumpMrt(mrt);
    const vty = { host: '127.0.0.1', port: frr.vtyPort, password: VTY_PASSWORD, timeoutMs: 2000 };
    servers.set('zebra', new VtyRouteServer({ ...vty, flavour: 'zebra' }));
    servers.set('frr-json', new VtyRouteServer({ ...vty, flavour: 'frr-json' }));
    servers.set('bird', new BirdRouteServer({ socketPath: bird.socket, timeoutMs: 2000 }));
    servers.set('mrt', new MrtRouteServer(mrt));
  }, 90_000);

  afterAll(async () => {
    for (const s of servers.values()) await s.close();
    await frr?.stop();
    await bird?.stop();
  });

  it.each(['zebra', 'bird'])('%s: caches a whole prefix only once the route server shows nothing more specific in it', async (name) => {
    const resolver = resolverOver(servers.get(name)!, { cacheSize: 100, cacheTimeoutMs: 60_000 });
    for (const [net, prefix] of [
      ['192.168.193', '192.168.193.0/24'],
      ['10.1.9', '10.1.0.0/16'],
    ] as const) {
      await resolver.resolve(`${net}.1`);
      // Each try a new address: an address asked before hits its own /32 entry.
      const deadline = Date.now() + 3000;
      let n = 2;
      let d = await resolver.resolve(`${net}.${n}`);
      while (d.cache !== 'hit' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
        d = await resolver.resolve(`${net}.${++n}`);
      }
      expect(d.cache).toBe('hit');
      expect(d.cachedPrefix && formatPrefix(d.cachedPrefix)).toBe(prefix);
    }
    await resolver.resolve('10.9.9.9');
    expect(resolver.decide('10.200.0.1')).toBeInstanceOf(Promise);
  });

  describe.each(['zebra', 'frr-json', 'bird', 'mrt'])('%s', (name) => {
    it.each(ROUTE_CASES)('%s → %s (%s, %s)', async (address, answer, prefix, path) => {
      const resolver = resolverOver(servers.get(name)!);
      const decision = await resolver.resolve(address);
      expect(decision.error).toBeUndefined();
      expect(decision.answer).toBe(answer);
      expect(decision.route ? formatPrefix(decision.route.prefix) : '-').toBe(prefix);
      expect(decision.route ? formatAsPath(decision.route.asPath) : '-').toBe(path);
    });
  });
});
