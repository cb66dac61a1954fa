import { describe, expect, it } from '@jest/globals';
import { parseAsPathText } from '../../src/core/as-path.js';
import { parseClientAddress } from '../../src/core/address.js';
import { PlannedPrefixes } from '../../src/core/planned-prefixes.js';
import { bgpPathLength, hopsToOrigin, rankPops } from '../../src/core/pop-ranking.js';
import { formatPrefix, parsePrefix } from '../../src/core/prefix.js';
import type { RouteReply } from '../../src/core/route.js';
import { parseBirdShowRoute } from '../../src/parsers/bird-show-route.js';
import { parseFrrJsonShowBgp } from '../../src/parsers/frr-json-show-bgp.js';
import { parseZebraShowBgp } from '../../src/parsers/zebra-show-bgp.js';
import { Resolver, type Decision } from '../../src/resolver/resolver.js';
import { fixture, replyTo } from '../helpers/transcript.js';
import { ScriptedRouteServer } from '../helpers/scripted-route-server.js';

const X = 'www.x.example.net';
const Y = 'www.y.example.net';
const Z = 'www.z.example.net';
const POPS = new Map([
  [64601, X],
  [64702, Y],
  [64605, Z],
]);

function ranked(best: string, ...others: string[]): string {
  return rankPops(
    parseAsPathText(best),
    others.map((o) => parseAsPathText(o)),
    POPS,
    'self.example.net',
  )
    .map((r) => `${r.answer}:${r.hops}`)
    .join(' ');
}

function otherPaths(reply: RouteReply): string[] {
  if (reply.kind !== 'route') throw new Error(`no route: ${JSON.stringify(reply)}`);
  return (reply.route.otherPaths ?? []).map((p) => p.map((s) => s.asns.join(' ')).join(' '));
}

describe('path length and hops as BGP counts them', () => {
  it('counts prepends, a set as one, confederation segments as none', () => {
    expect(bgpPathLength(parseAsPathText('64600 64601 64601 64602'))).toBe(4);
    expect(bgpPathLength(parseAsPathText('64600 {64610,64611}'))).toBe(2);
    expect(bgpPathLength(parseAsPathText('(65001 65002) 64600'))).toBe(1);
    expect(hopsToOrigin(parseAsPathText('64600 64601 64602 64602 64602'), 64601)).toBe(3);
    expect(hopsToOrigin(parseAsPathText('64601 64600 64601 64602'), 64601)).toBe(1);
    expect(hopsToOrigin(parseAsPathText('64600 64602'), 64601)).toBeUndefined();
  });
});

describe('rankPops', () => {
  it('puts the best path’s POP first, then every POP some path crosses and self, by hops to the origin', () => {
    // Best path through Y; another path crosses X nearer the origin than self's own path is long.
    expect(ranked('64702 64602', '64600 64601 64602')).toBe(`${Y}:1 ${X}:1 self.example.net:2`);
    // Ties keep the order the route server lists its paths in.
    expect(ranked('64600 64602', '64702 64605 64602', '64601 64602 64602')).toBe(`self.example.net:2 ${Z}:1 ${Y}:2 ${X}:2`);
  });

  it('keeps today’s rule for the first place even when another path reaches a POP nearer the origin', () => {
    expect(ranked('64702 64700 64699 64602', '64601 64602')).toBe(`${Y}:3 ${X}:1 self.example.net:4`);
  });

  it('counts a POP crossed by several paths at its nearest', () => {
    expect(ranked('64600 64602', '64601 64700 64701 64602', '64699 64601 64602')).toBe(`self.example.net:2 ${X}:1`);
  });
});

describe('every path the route server holds, from each reply format', () => {
  it('reads the other paths of an FRR detail reply, whichever block is best', () => {
    const [first, second] = fixture('frr/frr-path-order.txt').split(/^start #2: /m);
    for (const text of [first!, second!]) {
      const reply = parseZebraShowBgp(text.slice(text.indexOf('\n') + 1).split('\n\n')[0]!);
      expect(reply.kind === 'route' && reply.route.asPath.map((s) => s.asns.join(' ')).join(' ')).toBe('64702 64602');
      expect(otherPaths(reply)).toEqual(['64600 64601 64602']);
    }
  });

  it('reads the other paths of FRR JSON and BIRD replies', () => {
    expect(otherPaths(parseFrrJsonShowBgp(replyTo(fixture('frr/frr-json.txt'), 'show ip bgp 192.168.193.15 json')))).toEqual([
      '64600 64601 64602',
    ]);
    const bird = fixture('bird/bird-ctl-raw.txt');
    const asked = '<<< show route for 192.168.193.15 all\n';
    const reply = bird.slice(bird.indexOf(asked) + asked.length, bird.indexOf('<<< show route for 192.168.193.15\n'));
    expect(otherPaths(parseBirdShowRoute(reply))).toEqual(['64600 64601 64602']);
  });
});

describe('the resolver with a ranking and a plan', () => {
  const resolverOver = (routes: Record<string, string>, options: Partial<ConstructorParameters<typeof Resolver>[1]> = {}): Resolver =>
    new Resolver(new ScriptedRouteServer(routes), {
      pops: POPS,
      self: 'self.example.net',
      invalidKeyAnswer: 'NULL',
      cacheSize: 1000,
      cacheTimeoutMs: 60_000,
      ...options,
    });

  it('hands an out POP’s clients to the next POP of the ranking, not the next on the best path', async () => {
    const routes = { '192.0.2.0/24': '64605 64702 64602 | 64601 64602' };
    const live = await resolverOver(routes).resolve('192.0.2.7');
    expect([live.answer, live.reason]).toEqual([Y, 'peer']);
    const drained = await resolverOver(routes, { popUnavailable: (asn) => (asn === 64702 ? 'drained' : undefined) }).resolve('192.0.2.7');
    // The best path's next POP is Z (2 hops from the origin); another path reaches X at 1.
    expect([drained.answer, drained.skipped?.map((s) => s.answer)]).toEqual([X, [Y]]);
    expect(drained.ranking?.map((r) => r.answer)).toEqual([Y, X, Z, 'self.example.net']);
  });

  it('answers the planned POP inside a planned prefix, with reason plan, and no DNS scope across its boundary', async () => {
    const resolver = resolverOver({ '198.51.100.0/24': '64702 64602 | 64601 64602' });
    resolver.setPlan(new PlannedPrefixes([{ prefix: parsePrefix('198.51.100.128/25')!, pop: X, untilMs: undefined, line: 3 }]));
    await resolver.resolve('198.51.100.200');
    await resolver.settled();
    const inside = (await resolver.resolve('198.51.100.200')) as Decision;
    expect([inside.answer, inside.reason, inside.plan?.line]).toEqual([X, 'plan', 3]);
    expect(formatPrefix(inside.validFor!)).toBe('198.51.100.128/25');
    const outside = await resolver.resolve('198.51.100.7');
    expect([outside.answer, outside.reason]).toEqual([Y, 'peer']);
    expect(formatPrefix(outside.validFor!)).toBe('198.51.100.0/25');
  });

  it('answers the same from the cache as on a miss, the plan folded into cached answers, and forgets them when a planned POP changes', async () => {
    let zOut = false;
    const resolver = resolverOver(
      { '198.51.100.0/24': '64702 64602 | 64601 64602', '198.51.100.192/26': '64605 64602' },
      { popUnavailable: (asn) => (asn === 64605 && zOut ? 'drained' : undefined) },
    );
    resolver.setPlan(
      new PlannedPrefixes([
        { prefix: parsePrefix('198.51.100.0/25')!, pop: Z, untilMs: undefined, line: 1 },
        { prefix: parsePrefix('198.51.100.64/27')!, pop: X, untilMs: undefined, line: 2 },
        { prefix: parsePrefix('198.51.100.200/29')!, pop: X, untilMs: undefined, line: 3 },
      ]),
    );
    const probes = ['198.51.100.7', '198.51.100.70', '198.51.100.130', '198.51.100.201', '198.51.100.250'];
    const view = (d: Decision) => [d.answer, d.reason, d.plan?.line ?? '-', formatPrefix(d.validFor!)];
    const misses: Array<Array<string | number>> = [];
    for (const p of probes) misses.push(view(await resolver.resolve(p)));
    await resolver.settled();
    const first = await Promise.all(probes.map(async (p) => view(await resolver.resolve(p))));
    // A miss's reach is the address alone until the route server has listed what lies inside its prefix.
    expect(misses.map((m) => m.slice(0, 3))).toEqual(first.map((f) => f.slice(0, 3)));
    expect(first).toEqual([
      [Z, 'plan', 1, '198.51.100.0/26'],
      [X, 'plan', 2, '198.51.100.64/27'],
      [Y, 'peer', '-', '198.51.100.128/26'],
      [X, 'plan', 3, '198.51.100.200/29'],
      [Z, 'peer', '-', '198.51.100.224/27'],
    ]);
    expect((await Promise.all(probes.map((p) => resolver.resolve(p)))).every((d) => d.cache === 'hit')).toBe(true);
    // Z drained: the answers that the plan sent there are forgotten, and asked again the routes answer.
    zOut = true;
    expect(resolver.forgetAnswersInvolving(64605)).toBeGreaterThan(0);
    expect(view(await resolver.resolve('198.51.100.7'))).toEqual([Y, 'peer', 1, '198.51.100.7/32']);
  });

  it('passes over a planned POP that is out, and ends a line when its time is up', async () => {
    const resolver = resolverOver(
      { '198.51.100.0/24': '64702 64602 | 64601 64602' },
      { popUnavailable: (asn) => (asn === 64601 ? 'unhealthy' : undefined) },
    );
    resolver.setPlan(
      new PlannedPrefixes([
        { prefix: parsePrefix('198.51.100.0/24')!, pop: X, untilMs: undefined, line: 1 },
        { prefix: parsePrefix('198.51.100.0/25')!, pop: 'self.example.net', untilMs: Date.now() - 1, line: 2 },
      ]),
    );
    const decision = await resolver.resolve('198.51.100.7');
    expect([decision.answer, decision.reason, decision.plan?.line]).toEqual([Y, 'peer', 1]);
    expect(new PlannedPrefixes([]).lookup(parseClientAddress('198.51.100.7')!, Date.now())).toBeUndefined();
  });
});
