import { describe, expect, it } from '@jest/globals';
import { DnsAnswerer } from '../../src/dns/dns-answerer.js';
import { parsePipeRequest } from '../../src/dns/pipe-protocol.js';
import { resolverOver } from '../helpers/resolver.js';
import { ScriptedRouteServer } from '../helpers/scripted-route-server.js';

const ROUTES = { '192.168.193.0/24': '64702 64602', '198.51.100.0/24': '64702', '198.51.100.128/25': '64600' };

function answerer(rs: ScriptedRouteServer, warnings: string[] = []): DnsAnswerer {
  const resolver = resolverOver(rs, {
    pops: new Map([[64702, 'pop-y.example']]),
    self: '192.0.2.10',
    cacheSize: 100,
    cacheTimeoutMs: 60_000,
  });
  return new DnsAnswerer(resolver, {
    names: ['www.example.net'],
    addresses: new Map([['pop-y.example', ['192.0.2.20', '2001:db8::20']]]),
    ttl: 20,
    zone: 'example.net',
    deadlineMs: 100,
    version: '1.0.0',
    warn: (_kind, text) => warnings.push(text),
  });
}

const q = (name: string, type: string, remote: string, real?: string): string =>
  ['Q', name, 'IN', type, type === 'SOA' ? '-1' : '1', remote, '127.0.0.1', ...(real === undefined ? [] : [real])].join('\t');

describe('DnsAnswerer (the pipe protocol)', () => {
  it('greets, and says why an ABI below 3 is a mistake', () => {
    const warnings: string[] = [];
    const a = answerer(new ScriptedRouteServer(ROUTES), warnings);
    expect(a.answer('HELO\t2')).toBe('OK\tsupersparrow 1.0.0 pipe backend (abi 2)');
    expect(warnings.join()).toMatch(/set pipe-abi-version=3 or more/);
  });

  it('answers from the ECS subnet on ABI 3, from the resolver when the subnet is /0 or the ABI older', async () => {
    const a = answerer(new ScriptedRouteServer(ROUTES));
    a.answer('HELO\t3');
    expect(await a.answer(q('www.example.net', 'ANY', '203.0.113.1', '192.168.193.0/24'))).toBe(
      'DATA\t32\t1\twww.example.net\tIN\tA\t20\t1\t192.0.2.20\nDATA\t32\t1\twww.example.net\tIN\tAAAA\t20\t1\t2001:db8::20\nEND',
    );
    expect(await a.answer(q('www.example.net', 'A', '192.168.193.7', '0.0.0.0/0'))).toMatch(/\tA\t20\t1\t192\.0\.2\.20\nEND$/);
    const old = answerer(new ScriptedRouteServer(ROUTES));
    old.answer('HELO\t1');
    expect(await old.answer(q('www.example.net', 'A', '192.168.193.7'))).toBe('DATA\twww.example.net\tIN\tA\t20\t1\t192.0.2.20\nEND');
  });

  it("answers self's records, never NODATA, when the client subnet or remote is not an address", async () => {
    const warnings: string[] = [];
    const a = answerer(new ScriptedRouteServer(ROUTES), warnings);
    a.answer('HELO\t3');
    for (const [remote, real] of [
      ['203.0.113.1', '999.1.1.1/24'],
      ['203.0.113.1', 'garbage/24'],
      ['203.0.113.1', '192.168.193.0/abc'],
      ['not-an-address', '0.0.0.0/0'],
    ] as const) {
      const response = String(await a.answer(q('www.example.net', 'A', remote, real)));
      expect([remote, real, response]).toEqual([
        remote,
        real,
        expect.stringMatching(/^DATA\t\d+\t1\twww\.example\.net\tIN\tA\t\d+\t1\t192\.0\.2\.10\nEND$/),
      ]);
    }
    expect(warnings.join('\n')).toMatch(/not an IP address for www\.example\.net; answered self \(192\.0\.2\.10\)/);
  });

  it('scopes an answer to the widest prefix it holds for, never the /24 that holds a /25 with another answer', async () => {
    const a = answerer(new ScriptedRouteServer(ROUTES));
    a.answer('HELO\t3');
    await a.answer(q('www.example.net', 'A', '127.0.0.1', '198.51.100.5/32'));
    expect(await a.answer(q('www.example.net', 'A', '127.0.0.1', '198.51.100.6/32'))).toMatch(/^DATA\t25\t/);
    expect(await a.answer(q('www.example.net', 'A', '127.0.0.1', '198.51.100.200/32'))).toMatch(
      /^DATA\t\d+\t1\twww\.example\.net\tIN\tA\t20\t1\t192\.0\.2\.10/,
    );
  });

  it('answers SOA at once with scope 0 even while the route server hangs, and self within the deadline', async () => {
    const rs = new ScriptedRouteServer(ROUTES);
    rs.hang = true;
    const a = answerer(rs);
    a.answer('HELO\t3');
    expect(a.answer(q('example.net', 'SOA', '0.0.0.0', '0.0.0.0/0'))).toMatch(
      /^DATA\t0\t1\texample\.net\tIN\tSOA\t20\t1\tns1\.example\.net\. hostmaster\.example\.net\. /,
    );
    expect(a.answer(q('www.example.net', 'SOA', '0.0.0.0', '0.0.0.0/0'))).toBe('END');
    const started = performance.now();
    expect(await a.answer(q('www.example.net', 'A', '127.0.0.1', '192.168.193.0/24'))).toBe(
      'DATA\t32\t1\twww.example.net\tIN\tA\t5\t1\t192.0.2.10\nEND',
    );
    expect(performance.now() - started).toBeLessThan(1000);
    rs.release();
  });

  it('answers garbage and zone transfers FAIL, other names END, and keeps in step', async () => {
    const warnings: string[] = [];
    const a = answerer(new ScriptedRouteServer(ROUTES), warnings);
    a.answer('HELO\t3');
    expect(a.answer('nonsense')).toBe('FAIL');
    expect(a.answer('Q\tshort')).toBe('FAIL');
    expect(a.answer('AXFR\t1\texample.net')).toBe('FAIL');
    expect(a.answer(q('other.example.net', 'ANY', '127.0.0.1', '192.168.193.0/24'))).toBe('END');
    expect(a.answer(q('example.net', 'ANY', '127.0.0.1', '192.168.193.0/24'))).toMatch(
      /\tSOA\t[\s\S]*\tNS\t20\t1\tns1\.example\.net\.\nEND$/,
    );
    expect(warnings.length).toBe(2);
    expect(parsePipeRequest('Q\tWWW.Example.NET.\tIN\tANY\t1\t127.0.0.1')).toMatchObject({
      qname: 'www.example.net',
      realRemote: undefined,
    });
  });
});
