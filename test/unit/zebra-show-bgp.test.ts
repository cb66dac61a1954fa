import { describe, expect, it } from '@jest/globals';
import { formatAsPath } from '../../src/core/as-path.js';
import { formatPrefix } from '../../src/core/prefix.js';
import type { RouteReply } from '../../src/core/route.js';
import { parseLongerPrefixes, parseLongerPrefixesCount, parseZebraShowBgp } from '../../src/parsers/zebra-show-bgp.js';
import { IOS_REPLIES } from '../helpers/fake-routers.js';
import { fixture, replyTo, transcriptReplies } from '../helpers/transcript.js';

function summary(reply: RouteReply): string {
  if (reply.kind === 'route') return `${formatPrefix(reply.route.prefix)} ${formatAsPath(reply.route.asPath)}`;
  return reply.kind === 'no-route' ? 'no-route' : `error: ${reply.message}`;
}

const showIpBgp = fixture('frr/frr-show-ip-bgp.txt');

describe('parseZebraShowBgp on real FRR 8.4 output', () => {
  it.each([
    ['show ip bgp 192.168.193.15', '192.168.193.0/24 64702 64602'],
    ['sho ip bgp 192.168.193.15', '192.168.193.0/24 64702 64602'],
    ['show ip bgp 192.168.192.1', '192.168.192.0/24 64600'],
    ['show ip bgp 198.51.100.7', '198.51.100.0/24 64702'],
    ['show ip bgp 10.1.2.3', '10.1.0.0/16 64702 64701 64605'],
    ['show ip bgp 10.9.9.9', '10.0.0.0/8 64600 64601 64603'],
    ['show ip bgp 172.16.5.5', '172.16.0.0/12 64600 64702 64604'],
    ['show ip bgp 100.64.1.1', '100.64.0.0/10 64600 {64610,64611}'],
    ['show ip bgp 198.18.0.1', '198.18.0.0/24 Local'],
    ['show ip bgp 203.0.113.9', 'no-route'],
    ['show ip bgp 192.168.193.15 bestpath', '192.168.193.0/24 64702 64602'],
    ['show bgp ipv4 unicast 192.168.193.15', '192.168.193.0/24 64702 64602'],
  ])('%s → %s', (command, expected) => {
    expect(summary(parseZebraShowBgp(replyTo(showIpBgp, command)))).toBe(expected);
  });

  it('takes the best-flagged path in either block order', () => {
    const [first, second] = fixture('frr/frr-path-order.txt').split(/^start #2: /m);
    for (const layout of [first!.replace(/^start #1: /, ''), second!]) {
      const output = layout.split('\n').slice(1).join('\n');
      expect(summary(parseZebraShowBgp(output))).toBe('192.168.193.0/24 64702 64602');
    }
  });

  it('cuts suffixes after the AS path', () => {
    const text = fixture('frr/frr-aspath-suffixes.txt');
    expect(summary(parseZebraShowBgp(replyTo(text, 'show ip bgp 100.64.1.1')))).toBe('100.64.0.0/10 64600 {64610,64611}');
    expect(summary(parseZebraShowBgp(replyTo(text, 'show ip bgp 192.168.193.15')))).toBe('192.168.193.0/24 64702 64602');
    expect(summary(parseZebraShowBgp(replyTo(text, 'show ip bgp 203.0.113.9')))).toBe('203.0.113.0/24 64600 {65001,65002}');
  });

  it('reads every IPv6 form the same', () => {
    const replies = transcriptReplies(fixture('frr/frr-ipv6.txt')).filter((r) => r.output.includes('BGP routing table entry'));
    expect(replies.length).toBeGreaterThanOrEqual(4);
    for (const r of replies.filter((x) => x.command.includes('2001:db8:193::1'))) {
      expect(summary(parseZebraShowBgp(r.output))).toBe('2001:db8:193::/48 64702 64602');
    }
  });

  it('reports FRR errors as errors, not routes', () => {
    const bad = fixture('frr/frr-bad-input.txt');
    expect(summary(parseZebraShowBgp(replyTo(bad, 'show ip bgp 999.1.1.1')))).toMatch(/^error: % \[BGP\] Unknown command/);
    expect(summary(parseZebraShowBgp(replyTo(bad, 'show')))).toMatch(/^error: % Command incomplete/);
    expect(summary(parseZebraShowBgp(replyTo(fixture('frr/frr-ipv6.txt'), 'show ip bgp 2001:db8:193::1')))).toMatch(
      /^error: % Cannot specify IPv6/,
    );
    expect(summary(parseZebraShowBgp(''))).toBe('error: empty reply');
    expect(summary(parseZebraShowBgp('BGP routing table entry for 10.0.0.0/8\n'))).toMatch(/^error: unrecognised/);
  });
});

describe('parseZebraShowBgp on other Zebra-family output', () => {
  it('reads the original Zebra 0.89 transcript (paper, figure 5), whose best flag is cut off', () => {
    const text = [
      'BGP routing table entry for 192.168.193.0/24',
      'Paths: (2 available, best #2, table Default-IP-Routing-Table)',
      '  64600 64601 64602',
      '    192.168.192.12 from 192.168.192.12 (192.168.192.12)',
      '      Origin IGP, metric 1, localpref 100, valid, external',
      '      Last update: Fri Oct  6 15:47:28 2000',
      '                                           ',
      '  64702',
      '    192.168.193.11 from 192.168.193.11 (192.168.193.11)',
    ].join('\n');
    expect(summary(parseZebraShowBgp(text))).toBe('192.168.193.0/24 64702');
  });

  it('reads Cisco IOS layout: Refresh Epoch lines, update groups, rx pathid, suffixes, asdot (published IOS output)', () => {
    expect(summary(parseZebraShowBgp(IOS_REPLIES['show ip bgp 94.41.85.255']!))).toBe('94.41.84.0/23 6939 24955');
    expect(summary(parseZebraShowBgp(IOS_REPLIES['show ip bgp 10.100.1.1']!))).toBe('10.100.1.1/32 4');
    expect(summary(parseZebraShowBgp(IOS_REPLIES['show ip bgp 2.2.2.2']!))).toBe('2.2.2.2/32 2');
    expect(summary(parseZebraShowBgp(IOS_REPLIES['show ip bgp 192.0.2.1']!))).toBe('192.0.2.0/24 65546 64702');
  });

  it('skips the advertised-to peer line, which is indented like an AS path', () => {
    expect(summary(parseZebraShowBgp(replyTo(showIpBgp, 'show ip bgp 198.18.0.1')))).toBe('198.18.0.0/24 Local');
  });

  it('treats "no best path" as no route', () => {
    expect(parseZebraShowBgp('BGP routing table entry for 10.0.0.0/8\nPaths: (1 available, no best path)\n  64600\n').kind).toBe(
      'no-route',
    );
  });

  it('refuses to guess between two paths both flagged best', () => {
    const text =
      'BGP routing table entry for 10.0.0.0/8\nPaths: (2 available, best #1)\n  1\n    x\n      valid, best\n  2\n    y\n      valid, best\n';
    expect(summary(parseZebraShowBgp(text))).toMatch(/^error: cannot tell the best path/);
  });
});

describe('parseLongerPrefixesCount', () => {
  it('reads the count FRR displays', () => {
    expect(
      parseLongerPrefixesCount('   Network  Next Hop\n*> 10.0.0.0/8  1.2.3.4  0 64600 i\n\nDisplayed  2 routes and 10 total paths\n'),
    ).toBe(2);
    expect(parseLongerPrefixesCount('Displayed  1 routes and 4 total paths')).toBe(1);
    expect(parseLongerPrefixesCount('% Network not in table')).toBeUndefined();
  });
});

describe('parseLongerPrefixes on FRR 8.4 output', () => {
  const transcript = fixture('frr/frr-longer-prefixes.txt');
  const listed = (command: string): string[] | undefined => parseLongerPrefixes(replyTo(transcript, command))?.map(formatPrefix);

  it('lists every route inside the prefix, itself included, multipath and wrapped IPv6 lines too', () => {
    expect(listed('show ip bgp 10.0.0.0/8 longer-prefixes')).toEqual(['10.0.0.0/8', '10.1.0.0/16']);
    expect(listed('show ip bgp 192.168.193.0/24 longer-prefixes')).toEqual(['192.168.193.0/24']);
    expect(listed('show bgp ipv6 2001:db8::/32 longer-prefixes')).toEqual(['2001:db8:192::/48', '2001:db8:193::/48', '2001:db8:700::/48']);
  });

  it("reads FRR's empty reply as no route inside, and anything else as unknown", () => {
    expect(listed('show ip bgp 203.0.113.0/24 longer-prefixes')).toEqual([]);
    expect(parseLongerPrefixes('% Unknown command: show ip bgp x longer-prefixes')).toBeUndefined();
  });
});

describe('routes through an AS (show ip bgp regexp)', () => {
  it('counts what FRR displays, takes silence as none, and knows no other reply', async () => {
    const { parseRoutesThrough } = await import('../../src/parsers/zebra-show-bgp.js');
    const { readFileSync } = await import('node:fs');
    const [some, none] = readFileSync(new URL('../fixtures/frr/frr-regexp.txt', import.meta.url), 'utf8')
      .replace(/^#.*\n/, '')
      .split('=====\n');
    expect(parseRoutesThrough(some!)).toBe(1);
    expect(parseRoutesThrough(none!)).toBe(0);
    expect(parseRoutesThrough('show ip bgp regexp _1_\r\n% Invalid input detected\r\n')).toBeUndefined();
  });
});
