import { describe, expect, it } from '@jest/globals';
import { parseBirdProtocols } from '../../src/parsers/bird-show-protocols.js';
import { parseFrrJsonBgpSummary } from '../../src/parsers/frr-json-bgp-summary.js';
import { parseBgpSummary } from '../../src/parsers/zebra-show-bgp.js';
import { BgpLiveness, popsDown } from '../../src/pops/bgp-liveness.js';
import type { BgpSession } from '../../src/core/bgp-session.js';
import { fixture, replyTo } from '../helpers/transcript.js';

const POPS = new Map([
  [64700, 'x'],
  [64701, 'z'],
  [64702, 'y'],
]);
const brief = (sessions: readonly { neighbor: string; asn: number; established: boolean; state: string }[]) =>
  sessions.map((s) => `${s.neighbor} AS${s.asn} ${s.established ? 'up' : 'down'} ${s.state}`);

describe('BGP sessions as route servers show them (captured from the testbed)', () => {
  it('reads show bgp summary (FRR 8.4), each neighbor once, established when it counts prefixes', () => {
    const up = parseBgpSummary(replyTo(fixture('frr/frr-bgp-summary.txt'), 'show bgp summary'));
    expect(brief(up)).toEqual(['127.0.0.2 AS64600 up Established', '127.0.0.3 AS64702 up Established']);
    const shut = parseBgpSummary(replyTo(fixture('frr/frr-bgp-summary-pop-y-shut.txt'), 'show bgp summary'));
    expect(brief(shut)).toEqual(['127.0.0.2 AS64600 up Established', '127.0.0.3 AS64702 down Idle']);
    expect(shut[1]!.since).toBe('00:00:01');
  });

  it("reads Cisco IOS's show ip bgp summary: week/day uptimes, never, asdot AS numbers, Idle (Admin)", () => {
    // The column layout of IOS's published sample output; rows made up for the testbed's POPs.
    const ios = [
      'BGP router identifier 10.1.1.1, local AS number 64700',
      'BGP table version is 1234, main routing table version 1234',
      '',
      'Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd',
      '192.0.2.2       4        64600    1234    1234     1234    0    0 2w0d          500',
      '192.0.2.3       4        64702       0       0        0    0    0 never    Active',
      '192.0.2.4       4        64701      10      12        0    0    0 00:00:41 Idle (Admin)',
      '192.0.2.5       4       1.10      5678    5678     5678    0    0 1d04h         200',
      '2001:db8:702::2',
      '                4        64702      10      12        0    0    0 00:01:02        7',
    ].join('\r\n');
    expect(brief(parseBgpSummary(ios))).toEqual([
      '192.0.2.2 AS64600 up Established',
      '192.0.2.3 AS64702 down Active',
      '192.0.2.4 AS64701 down Idle',
      '192.0.2.5 AS65546 up Established',
      '2001:db8:702::2 AS64702 up Established',
    ]);
  });

  it("reads FRR's show bgp summary json, across address families", () => {
    const up = parseFrrJsonBgpSummary(replyTo(fixture('frr/frr-bgp-summary-json.txt'), 'show bgp summary json'));
    expect(brief(up)).toEqual(['127.0.0.2 AS64600 up Established', '127.0.0.3 AS64702 up Established']);
    const shut = parseFrrJsonBgpSummary(replyTo(fixture('frr/frr-bgp-summary-json-pop-y-shut.txt'), 'show bgp summary json'));
    expect(brief(shut)).toEqual(['127.0.0.2 AS64600 up Established', '127.0.0.3 AS64702 down Idle (Admin)']);
    expect(parseFrrJsonBgpSummary('% Unknown command')).toEqual([]);
    expect(parseFrrJsonBgpSummary('{"ipv4Unicast": {"peers": {"x": {"remoteAs": 1}}}')).toEqual([]);
  });

  it("reads BIRD 2's show protocols all from the control socket: BGP protocols only, with neighbor and AS", () => {
    const up = parseBirdProtocols(fixture('bird/show-protocols-all.txt'));
    expect(brief(up)).toEqual(['127.0.0.2 AS64600 up Established', '127.0.0.3 AS64702 up Established']);
    const disabled = parseBirdProtocols(fixture('bird/show-protocols-all-pop-y-disabled.txt'));
    expect(brief(disabled)).toEqual(['127.0.0.2 AS64600 up Established', '127.0.0.3 AS64702 down Down']);
    expect(disabled[1]!.since).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
    expect(parseBirdProtocols('8003 No protocols match\n')).toEqual([]);
  });

  it("counts the route updates and withdrawals each BIRD session received, every channel's together", () => {
    const up = parseBirdProtocols(fixture('bird/show-protocols-all.txt'));
    // upstream_a: 7 IPv4 and 2 IPv6 updates, no withdrawals.
    expect(up[0]!.routeChanges).toBe(9);
    expect(
      parseFrrJsonBgpSummary(replyTo(fixture('frr/frr-bgp-summary-json.txt'), 'show bgp summary json'))[0]!.routeChanges,
    ).toBeUndefined();
  });

  it('tells of routes that came or went once per look that saw the counts move, the first look included', async () => {
    let sessions: BgpSession[] = [];
    let changes = 0;
    const liveness = new BgpLiveness(
      async () => sessions,
      POPS,
      (event) => {
        if (event.kind === 'routes-changed') changes++;
      },
      60_000,
    );
    try {
      const session = (routeChanges: number | undefined): BgpSession => ({
        neighbor: '127.0.0.1',
        asn: 64700,
        established: true,
        state: 'Established',
        since: undefined,
        ...(routeChanges === undefined ? {} : { routeChanges }),
      });
      sessions = [session(10)];
      await liveness.poll();
      expect(changes).toBe(1);
      await liveness.poll();
      expect(changes).toBe(1);
      sessions = [session(12)];
      await liveness.poll();
      expect(changes).toBe(2);
      // A reset session counts from zero: a change too.
      sessions = [session(0)];
      await liveness.poll();
      expect(changes).toBe(3);
      // Routers that do not count (FRR's summary) never tell.
      sessions = [session(undefined)];
      await liveness.poll();
      await liveness.poll();
      expect(changes).toBe(3);
    } finally {
      liveness.stop();
    }
  });

  it('judges a POP down only when every session with its AS is down', () => {
    const s = (neighbor: string, asn: number, established: boolean) => ({ neighbor, asn, established, state: '', since: undefined });
    expect([...popsDown([s('a', 64702, false), s('b', 64702, true), s('c', 64701, false), s('d', 64600, false)], POPS)]).toEqual([64701]);
    expect([...popsDown([], POPS)]).toEqual([]);
  });
});
