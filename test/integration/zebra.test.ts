import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { formatAsPath } from '../../src/core/as-path.js';
import { parseConfigText, resolveConfig } from '../../src/config/parse.js';
import { formatPrefix } from '../../src/core/prefix.js';
import type { Resolver } from '../../src/resolver/resolver.js';
import { createResolver } from '../../src/resolver/from-config.js';
import { VtyRouteServer } from '../../src/route-servers/vty-route-server.js';
import { MapProgram, PEERS, runCli, writeConfig, testbedConfigLines } from '../helpers/cli.js';
import { startFrrTestbed, VTY_PASSWORD, type FrrTestbed } from '../helpers/frr-testbed.js';
import { scratchDir } from '../helpers/scratch.js';
import { ROUTE_CASES, X, Y, Z } from '../helpers/route-cases.js';

const CASES = [...ROUTE_CASES, ['::ffff:192.168.193.15', Y, '192.168.193.0/24', '64702 64602'] as const];

describe('zebra route server against a real FRR bgpd', () => {
  let testbed: FrrTestbed;
  let dir: string;
  let configFile: string;
  let routeServer: VtyRouteServer;
  let resolver: Resolver;
  let connections = 0;

  beforeAll(async () => {
    testbed = await startFrrTestbed();
    dir = scratchDir('zebra');
    configFile = writeConfig(join(dir, 'supersparrow.conf'), [...testbedConfigLines(testbed.vtyPort)]);
    const { config } = resolveConfig([parseConfigText(`${PEERS}\nself ${X}`, 'test', dir)]);
    routeServer = new VtyRouteServer({ host: '127.0.0.1', port: testbed.vtyPort, password: VTY_PASSWORD, timeoutMs: 2000 }, (event) => {
      if (event.kind === 'up') connections++;
    });
    resolver = await createResolver(config, routeServer);
  }, 60_000);

  afterAll(async () => {
    await routeServer?.close();
    await testbed?.stop();
  });

  it.each(CASES)('%s → %s (prefix %s, path %s)', async (address, answer, prefix, path) => {
    const decision = await resolver.resolve(address);
    expect(decision.answer).toBe(answer);
    expect(decision.route ? formatPrefix(decision.route.prefix) : '-').toBe(prefix);
    expect(decision.route ? formatAsPath(decision.route.asPath) : '-').toBe(path);
    expect(decision.error).toBeUndefined();
  });

  it('shares one session for concurrent lookups and answers each correctly', async () => {
    const before = connections;
    const fresh = CASES.map(
      ([a, answer]) => [a.replace(/\.1$|::1$|\.15$/, (m) => (m === '.15' ? '.16' : m === '.1' ? '.2' : '::2')), answer] as const,
    ).filter(([a]) => !a.includes('::ffff'));
    const decisions = await Promise.all(fresh.map(([a]) => resolver.resolve(a)));
    expect(decisions.map((d) => d.answer)).toEqual(fresh.map(([, answer]) => answer));
    expect(connections - before).toBe(0);
    expect(connections).toBe(1);
  });

  it('caches the answer for the whole prefix once the route server shows no more-specific route', async () => {
    await resolver.resolve('198.51.100.20');
    const deadline = Date.now() + 3000;
    let hit = await resolver.resolve('198.51.100.99');
    while (hit.cache !== 'hit' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      hit = await resolver.resolve(`198.51.100.${100 + Math.floor(Math.random() * 100)}`);
    }
    expect(hit.cache).toBe('hit');
    expect(hit.answer).toBe(Y);
    expect(hit.cachedPrefix && formatPrefix(hit.cachedPrefix)).toBe('198.51.100.0/24');
  });

  it('widens an IPv6 prefix the same way', async () => {
    await resolver.resolve('2001:db8:193::20');
    const deadline = Date.now() + 3000;
    let hit = await resolver.resolve('2001:db8:193::21');
    for (let i = 22; hit.cache !== 'hit' && Date.now() < deadline; i++) {
      await new Promise((r) => setTimeout(r, 20));
      hit = await resolver.resolve(`2001:db8:193::${i}`);
    }
    expect(hit).toMatchObject({ cache: 'hit', answer: Y });
    expect(hit.cachedPrefix && formatPrefix(hit.cachedPrefix)).toBe('2001:db8:193::/48');
  });

  it('never widens a prefix that holds a more-specific route with another answer', async () => {
    expect((await resolver.resolve('10.9.9.8')).answer).toBe(X);
    await resolver.settled();
    const inside = await resolver.resolve('10.1.200.200');
    expect(inside.answer).toBe(Z);
    if (inside.cache === 'hit') expect(formatPrefix(inside.cachedPrefix!)).toBe('10.1.0.0/16');
    const elsewhere = await resolver.resolve('10.200.0.1');
    expect(elsewhere.answer).toBe(X);
    expect(elsewhere.cache).toBe('miss');
  });

  it('one-shot CLI explains its answer with --verbose', async () => {
    const { code, stdout, stderr } = await runCli(['--config', configFile, '--verbose', '192.168.193.15', '10.1.2.3']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${Y}\n${Z}\n`);
    expect(stderr).toContain(`zebra 127.0.0.1:${testbed.vtyPort}`);
    expect(stderr).toContain('192.168.193.0/24');
    expect(stderr).toContain('64702 64602');
    expect(stderr).toContain('AS64701 = www.z.example.net');
    expect(stderr).toMatch(/cache\s+miss/);
    expect(stderr).toMatch(/time\s+\d+\.\d+ ms/);
    expect(stderr).not.toContain('\x1b[');
  });

  it('--debug shows the dialogue with the password masked', async () => {
    const { stderr } = await runCli(['--config', configFile, '--debug', '203.0.113.9']);
    expect(stderr).toContain('> show ip bgp 203.0.113.9');
    expect(stderr).toContain('% Network not in table');
    expect(stderr).toContain('> ********');
    expect(stderr).not.toContain(VTY_PASSWORD);
  });

  it('batch CLI answers each key as Apache asks for it: empty environment, one key, one line', async () => {
    const map = new MapProgram(['--config', configFile, '--batch']);
    try {
      for (const [address, answer] of CASES) expect((await map.ask(address)).answer).toBe(answer);
      expect((await map.ask('garbage')).answer).toBe('NULL');
      const status = await map.end();
      expect(status.code).toBe(0);
      expect(map.lines.length).toBe(CASES.length + 1);
    } finally {
      map.kill();
    }
  });

  it('reads the password from SUPERSPARROW_PASSWORD or --password-file instead of the config file', async () => {
    const noPassword = writeConfig(join(dir, 'nopass.conf'), ['route_server zebra', `port ${testbed.vtyPort}`, PEERS, `self ${X}`]);
    const viaEnv = await runCli(['-c', noPassword, '192.168.193.15'], '', { SUPERSPARROW_PASSWORD: VTY_PASSWORD });
    expect(viaEnv.stdout).toBe(`${Y}\n`);
    const passwordFile = writeConfig(join(dir, 'password'), [VTY_PASSWORD]);
    const viaFile = await runCli(['-c', noPassword, '--password-file', passwordFile, '192.168.193.15']);
    expect(viaFile.stdout).toBe(`${Y}\n`);
    const wrong = await runCli(['-c', noPassword, '192.168.193.15'], '', { SUPERSPARROW_PASSWORD: 'wrong' });
    expect(wrong.stdout).toBe(`${X}\n`);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/rejected the password/);
  });
});
