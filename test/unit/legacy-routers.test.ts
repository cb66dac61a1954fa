import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { formatAsPath } from '../../src/core/as-path.js';
import { parseGatedPrefix, parseGiiWalkup } from '../../src/parsers/gii-walkup.js';
import { GatedRouteServer } from '../../src/route-servers/gii-route-server.js';
import { formatPrefix } from '../../src/core/prefix.js';
import type { Resolver } from '../../src/resolver/resolver.js';
import type { RouteServer } from '../../src/route-servers/route-server.js';
import { VtyRouteServer } from '../../src/route-servers/vty-route-server.js';
import { runCli, writeConfig } from '../helpers/cli.js';
import { FakeGii, FakeIosVty, testbedRoutes } from '../helpers/fake-routers.js';
import { ROUTE_CASES, X } from '../helpers/route-cases.js';
import { resolverOver } from '../helpers/resolver.js';
import { scratchDir } from '../helpers/scratch.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

function resolverFor(server: RouteServer, peers: Array<[number, string]>): Resolver {
  closers.push(() => server.close());
  return resolverOver(server, { pops: new Map(peers), self: 'self.example' });
}

describe('route_server cisco (FAKE IOS vty from published IOS output)', () => {
  async function ios(): Promise<{ fake: FakeIosVty; resolver: Resolver }> {
    const fake = await new FakeIosVty().listen();
    closers.push(() => fake.close());
    const server = new VtyRouteServer({
      host: '127.0.0.1',
      port: fake.port,
      username: 'rviews',
      password: 'ios-secret',
      timeoutMs: 1000,
      flavour: 'cisco',
    });
    return {
      fake,
      resolver: resolverFor(server, [
        [6939, 'he.example'],
        [3267, 'runnet.example'],
        [4, 'four.example'],
        [65546, 'asdot.example'],
        [64702, 'y.example'],
      ]),
    };
  }

  it.each([
    ['94.41.85.255', 'he.example', '94.41.84.0/23', '6939 24955'],
    ['10.100.1.1', 'four.example', '10.100.1.1/32', '4'],
    ['2.2.2.2', 'self.example', '2.2.2.2/32', '2'],
    ['192.0.2.1', 'y.example', '192.0.2.0/24', '65546 64702'],
    ['2001:db8:193::1', 'y.example', '2001:db8:193::/48', '64702 64602'],
    ['203.0.113.9', 'self.example', '-', '-'],
  ])('%s → %s (%s, %s)', async (address, answer, prefix, path) => {
    const { resolver } = await ios();
    const d = await resolver.resolve(address);
    expect(d.error).toBeUndefined();
    expect(d.answer).toBe(answer);
    expect(d.route ? formatPrefix(d.route.prefix) : '-').toBe(prefix);
    expect(d.route ? formatAsPath(d.route.asPath) : '-').toBe(path);
  });

  it('logs in with Username: and Password:, turns the pager off and sends the IOS commands', async () => {
    const { fake, resolver } = await ios();
    await resolver.resolve('94.41.85.255');
    await resolver.resolve('2001:db8:193::1');
    expect(fake.commands).toEqual(['terminal length 0', 'show ip bgp 94.41.85.255', 'show bgp ipv6 unicast 2001:db8:193::1']);
  });

  it('refuses without a username, and with a wrong password', async () => {
    const fake = await new FakeIosVty().listen();
    closers.push(() => fake.close());
    const noUser = new VtyRouteServer({ host: '127.0.0.1', port: fake.port, password: 'ios-secret', timeoutMs: 1000, flavour: 'cisco' });
    closers.push(() => noUser.close());
    await expect(noUser.lookup({ family: 4, text: '2.2.2.2', value: 0x02020202 })).rejects.toThrow(
      /asks for a username, and none is configured/,
    );
    const wrong = new VtyRouteServer({
      host: '127.0.0.1',
      port: fake.port,
      username: 'rviews',
      password: 'nope',
      timeoutMs: 1000,
      flavour: 'cisco',
    });
    closers.push(() => wrong.close());
    await expect(wrong.lookup({ family: 4, text: '2.2.2.2', value: 0x02020202 })).rejects.toThrow(/rejected the password/);
  });

  it('works from the CLI with the username directive', async () => {
    const fake = await new FakeIosVty().listen();
    closers.push(() => fake.close());
    const config = writeConfig(join(scratchDir('ios'), 'supersparrow.conf'), [
      'route_server cisco',
      `host 127.0.0.1:${fake.port}`,
      'username rviews',
      'password ios-secret',
      'peer 6939=he.example',
      'self self.example',
    ]);
    const { stdout, code } = await runCli(['-c', config, '94.41.85.255', '203.0.113.9']);
    expect(code).toBe(0);
    expect(stdout).toBe('he.example\nself.example\n');
  });
});

describe('route_server gated (FAKE GII from GateD documentation)', () => {
  it('reads GateD prefixes with left-out octets', () => {
    expect(formatPrefix(parseGatedPrefix('192.168.193/24')!)).toBe('192.168.193.0/24');
    expect(formatPrefix(parseGatedPrefix('0/0')!)).toBe('0.0.0.0/0');
    expect(formatPrefix(parseGatedPrefix('10.1/16')!)).toBe('10.1.0.0/16');
    expect(parseGiiWalkup('500 Unknown command\n')).toMatchObject({ kind: 'unreadable' });
    expect(parseGiiWalkup('')).toEqual({ kind: 'no-route' });
  });

  it.each([
    ['192.168.193.15', 'x.example', '192.168.193.0/24', '64700 64602'],
    ['10.1.2.3', 'z.example', '10.1.0.0/16', '64700 64701 64605'],
    ['10.9.9.9', 'self.example', '10.0.0.0/8', '64600 64601 64603'],
    ['203.0.113.9', 'self.example', '0.0.0.0/0', 'Local'],
    ['2001:db8::1', 'self.example', '-', '-'],
  ])('%s → %s (%s, %s)', async (address, answer, prefix, path) => {
    const fake = await new FakeGii().listen();
    closers.push(() => fake.close());
    const resolver = resolverFor(new GatedRouteServer({ host: '127.0.0.1', port: fake.port, password: 'frub', timeoutMs: 1000 }), [
      [64700, 'x.example'],
      [64701, 'z.example'],
    ]);
    const d = await resolver.resolve(address);
    expect(d.error).toBeUndefined();
    expect(d.answer).toBe(answer);
    expect(d.route ? formatPrefix(d.route.prefix) : '-').toBe(prefix);
    expect(d.route ? formatAsPath(d.route.asPath) : '-').toBe(path);
  });

  it('sends no terminal commands, and reports a refused password', async () => {
    const fake = await new FakeGii().listen();
    closers.push(() => fake.close());
    const ok = new GatedRouteServer({ host: '127.0.0.1', port: fake.port, password: 'frub', timeoutMs: 1000 });
    closers.push(() => ok.close());
    await ok.lookup({ family: 4, text: '10.1.2.3', value: 0x0a010203 });
    expect(fake.commands).toEqual(['show ip walkup 10.1.2.3/32']);
    const wrong = new GatedRouteServer({ host: '127.0.0.1', port: fake.port, password: 'nope', timeoutMs: 1000 });
    closers.push(() => wrong.close());
    await expect(wrong.lookup({ family: 4, text: '10.1.2.3', value: 0x0a010203 })).rejects.toThrow(
      /rejected the password|closed the connection/,
    );
  });

  it('no route at all when GateD has no covering route', async () => {
    const fake = await new FakeGii('frub', false).listen();
    closers.push(() => fake.close());
    const resolver = resolverFor(new GatedRouteServer({ host: '127.0.0.1', port: fake.port, password: 'frub', timeoutMs: 1000 }), []);
    expect(await resolver.resolve('203.0.113.9')).toMatchObject({ reason: 'no-route', answer: 'self.example' });
  });
});

describe("cisco and gated fakes answer the testbeds' route cases like every other backend", () => {
  it.each(ROUTE_CASES)('cisco: %s → %s (%s, %s)', async (address, answer, prefix, path) => {
    const fake = await new FakeIosVty(undefined, testbedRoutes()).listen();
    closers.push(() => fake.close());
    const resolver = resolverOver(
      new VtyRouteServer({
        host: '127.0.0.1',
        port: fake.port,
        username: 'rviews',
        password: 'ios-secret',
        timeoutMs: 1000,
        flavour: 'cisco',
      }),
    );
    closers.push(() => resolver.routeServer.close());
    const d = await resolver.resolve(address);
    expect(d.error).toBeUndefined();
    expect([d.answer, d.route ? formatPrefix(d.route.prefix) : '-', d.route ? formatAsPath(d.route.asPath) : '-']).toEqual([
      answer,
      prefix,
      path,
    ]);
  });

  it.each(ROUTE_CASES)('gated: %s → %s (%s, %s; IPv6: no route)', async (address, answer, prefix, path) => {
    const fake = await new FakeGii('frub', false, testbedRoutes()).listen();
    closers.push(() => fake.close());
    const resolver = resolverOver(new GatedRouteServer({ host: '127.0.0.1', port: fake.port, password: 'frub', timeoutMs: 1000 }));
    closers.push(() => resolver.routeServer.close());
    const d = await resolver.resolve(address);
    expect(d.error).toBeUndefined();
    const ipv6 = address.includes(':');
    expect([d.answer, d.route ? formatPrefix(d.route.prefix) : '-', d.route ? formatAsPath(d.route.asPath) : '-']).toEqual(
      ipv6 ? [X, '-', '-'] : [answer, prefix, path],
    );
  });
});
