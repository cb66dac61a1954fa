import { describe, expect, it } from '@jest/globals';
import { DemandCounter, DemandJsonError } from '../../src/capacity/demand.js';
import { formatPlanFile, parsePlanFile, PlanFileError } from '../../src/capacity/plan-file.js';
import { planCapacity } from '../../src/capacity/planner.js';
import { formatRate, parseRate } from '../../src/capacity/rate.js';
import { parseClientAddress } from '../../src/core/address.js';
import type { PopRanking } from '../../src/core/pop-ranking.js';
import { formatPrefix, parsePrefix } from '../../src/core/prefix.js';
import { requestFactsOf } from '../../src/logs/log-fields.js';

const Y = 'www.y.example.net';
const X = 'www.x.example.net';
const RANKING: PopRanking = [
  { answer: Y, asn: 64702, hops: 1 },
  { answer: X, asn: undefined, hops: 2 },
];

describe('capacity rates', () => {
  it.each([
    ['800', 'requests', 800],
    ['800/s', 'requests', 800],
    ['1.5k/s', 'requests', 1500],
    ['10Gbit/s', 'bits', 10e9],
    ['750Mbit/s', 'bits', 750e6],
    ['1.5Gbps', 'bits', 1.5e9],
  ])('reads %s', (text, unit, perSecond) => {
    expect(parseRate(text)).toEqual({ unit, perSecond });
  });

  it.each(['', '0', '-5', 'fast', '10 Gbit/s', '10GB/s', '1e9'])('refuses %j', (text) => {
    expect(parseRate(text)).toBeUndefined();
  });

  it('prints rates as people read them', () => {
    expect(formatRate(812.4, 'requests')).toBe('812/s');
    expect(formatRate(2.5, 'requests')).toBe('2.5/s');
    expect(formatRate(9.4e9, 'bits')).toBe('9.4 Gbit/s');
  });
});

describe('request facts from log lines', () => {
  it('reads the time and size of common and combined lines, any zone', () => {
    const line = '192.0.2.7 - - [01/Dec/2026:18:00:05 +0100] "GET /a b HTTP/1.1" 200 5120 "-" "curl"';
    expect(requestFactsOf(line)).toEqual({ time: Date.parse('2026-12-01T17:00:05Z') / 1000, bytes: 5120 });
    expect(requestFactsOf('192.0.2.7 - - [01/Dec/2026:18:00:05 -0030] "GET / HTTP/1.0" 304 -')).toEqual({
      time: Date.parse('2026-12-01T18:30:05Z') / 1000,
      bytes: undefined,
    });
  });

  it('reads JSON lines: ISO, epoch and nginx time_local, and the usual size keys', () => {
    expect(requestFactsOf('{"remote_addr":"192.0.2.7","time":"2026-12-01T18:00:05Z","bytes_sent":12}')).toEqual({
      time: Date.parse('2026-12-01T18:00:05Z') / 1000,
      bytes: 12,
    });
    expect(requestFactsOf('{"ts":1764612005.5,"body_bytes_sent":"40"}')).toEqual({ time: 1764612005.5, bytes: 40 });
    expect(requestFactsOf('{"time_local":"01/Dec/2026:18:00:05 +0000"}').time).toBe(Date.parse('2026-12-01T18:00:05Z') / 1000);
  });

  it('takes no time a date cannot show, and no size that cannot be counted exactly', () => {
    expect(requestFactsOf('{"time":1e300,"bytes":12}')).toEqual({ time: undefined, bytes: 12, fault: 'time' });
    expect(requestFactsOf('{"time":"not a time"}').fault).toBe('time');
    const tomorrow = new Date(Date.now() + 20 * 3600_000).toISOString();
    const later = new Date(Date.now() + 30 * 3600_000).toISOString();
    expect(requestFactsOf(`{"time":"${tomorrow}"}`)).toEqual({ time: Date.parse(tomorrow) / 1000, bytes: undefined });
    expect(requestFactsOf(`{"time":"${later}"}`)).toEqual({ time: undefined, bytes: undefined, fault: 'time' });
    expect(requestFactsOf('192.0.2.7 - - [01/Dec/2999:18:00:05 +0000] "GET / HTTP/1.1" 200 10')).toEqual({
      time: undefined,
      bytes: 10,
      fault: 'time',
    });
    expect(requestFactsOf('192.0.2.7 - - [01/Dec/2026:18:00:05 +0000] "GET / HTTP/1.1" 200 1000000000000').fault).toBeUndefined();
    expect(requestFactsOf('192.0.2.7 - - [01/Dec/2026:18:00:05 +0000] "GET / HTTP/1.1" 200 1000000000001').fault).toBe('size');
    expect(requestFactsOf('192.0.2.7 - - [01/Dec/2026:18:00:05 +0000] "GET / HTTP/1.1" 200 1000000000001', false).fault).toBeUndefined();
    expect(requestFactsOf('{"time":-5}').time).toBeUndefined();
    expect(requestFactsOf('{"time":"+275760-09-13T00:00:00Z"}').time).toBeUndefined();
    expect(requestFactsOf('{"time":"2026-12-01T18:00:05Z","bytes":1e26}')).toEqual({
      time: Date.parse('2026-12-01T18:00:05Z') / 1000,
      bytes: undefined,
      fault: 'size',
    });
    expect(
      requestFactsOf('192.0.2.7 - - [01/Dec/2026:18:00:05 +0000] "GET / HTTP/1.1" 200 100000000000000000000000000').bytes,
    ).toBeUndefined();
  });

  it('gives nothing for a line without them', () => {
    expect(requestFactsOf('192.0.2.7')).toEqual({ time: undefined, bytes: undefined });
    expect(requestFactsOf('{not json')).toEqual({ time: undefined, bytes: undefined });
  });
});

describe('demand from requests', () => {
  const at = (text: string) => parseClientAddress(text)!;
  const prefix = parsePrefix('192.168.200.0/22')!;

  it('takes each /24 inside a deciding prefix at the busiest window, in requests or bits', () => {
    const demand = new DemandCounter(60);
    for (let i = 0; i < 120; i++) demand.add(at('192.168.200.9'), prefix, () => RANKING, 1000 * 60 + (i % 60), 1000);
    for (let i = 0; i < 60; i++) demand.add(at('192.168.201.9'), prefix, () => RANKING, 1000 * 60 + i, 100_000);
    for (let i = 0; i < 600; i++) demand.add(at('192.168.202.9'), prefix, () => RANKING, 1001 * 60 + (i % 60), 10);
    demand.add(at('192.168.202.9'), prefix, () => RANKING, undefined, 10);
    expect(demand.untimed).toBe(1);
    const requests = demand.peak('requests')!;
    expect([requests.startSeconds, requests.total]).toEqual([1001 * 60, 10]);
    expect(requests.prefixes.map((p) => [formatPrefix(p.prefix), p.demand, p.leaves.map((l) => formatPrefix(l.prefix))])).toEqual([
      ['192.168.200.0/22', 10, ['192.168.202.0/24']],
    ]);
    // By bits, the first minute is the busier: 60 responses of 100 kB.
    const bits = demand.peak('bits')!;
    expect(bits.startSeconds).toBe(1000 * 60);
    expect(bits.total).toBeCloseTo(((120 * 1000 + 60 * 100_000) * 8) / 60, 6);
  });

  it('counts a request without a route under its own /24, reachable by self alone', () => {
    const demand = new DemandCounter(60);
    demand.add(at('203.0.113.9'), undefined, () => [{ answer: X, asn: undefined, hops: 0 }], 60, 0);
    expect(demand.peak('requests')!.prefixes.map((p) => [formatPrefix(p.prefix), p.ranking.length])).toEqual([['203.0.113.0/24', 1]]);
  });

  it('merges other hosts’ tallies exactly, window by window', () => {
    const one = new DemandCounter(60);
    const two = new DemandCounter(60);
    for (let i = 0; i < 30; i++) one.add(at('192.168.200.9'), prefix, () => RANKING, 60 + i, 0);
    for (let i = 0; i < 60; i++) two.add(at('192.168.201.9'), prefix, () => RANKING, 60 + i, 0);
    for (let i = 0; i < 45; i++) two.add(at('192.168.201.9'), prefix, () => RANKING, 120 + i, 0);
    const merged = new DemandCounter(60);
    merged.merge(JSON.parse(JSON.stringify(one.toJson())), 'one.json');
    merged.merge(JSON.parse(JSON.stringify(two.toJson())), 'two.json');
    const peak = merged.peak('requests')!;
    expect([peak.startSeconds, peak.total * 60]).toEqual([60, 90]);
    expect(peak.prefixes[0]!.ranking).toEqual(RANKING);
    expect(() => merged.merge({ ...two.toJson(), window_seconds: 300 }, 'five.json')).toThrow(/five\.json: its windows are 300 s/);
    expect(() => merged.merge({}, 'empty.json')).toThrow(DemandJsonError);
  });
});

describe('the plan file', () => {
  const answers = new Set([X, Y]);

  it('reads prefix, POP and an optional end, comments and blank lines', () => {
    const entries = parsePlanFile(
      `# made now\n\n192.168.201.0/24 ${X}\n2001:db8::/48 ${Y.toUpperCase()} 2026-12-01T06:00Z # until six\n`,
      'plan',
      answers,
    );
    expect(entries.map((e) => [formatPrefix(e.prefix), e.pop, e.untilMs, e.line])).toEqual([
      ['192.168.201.0/24', X, undefined, 3],
      ['2001:db8::/48', Y, Date.parse('2026-12-01T06:00Z'), 4],
    ]);
  });

  it.each([
    [`192.168.201.1/24 ${X}`, /plan:1: "192\.168\.201\.1\/24" is not a prefix with its host bits zero/],
    ['192.168.201.0/24 www.nowhere.example', /plan:1: "www\.nowhere\.example" is not a POP: give a peer line's answer or the self answer/],
    ['192.168.201.0/24', /plan:1: expected "PREFIX POP \[UNTIL\]"/],
    [`192.168.201.0/24 ${X} soon`, /plan:1: "soon" is not a time/],
  ])('refuses %j, naming its line', (text, message) => {
    expect(() => parsePlanFile(text, 'plan', answers)).toThrow(PlanFileError);
    expect(() => parsePlanFile(text, 'plan', answers)).toThrow(message);
  });

  it('writes a plan that reads back as the same moves, under its header', () => {
    const leaves = [0, 1, 2, 3].map((i) => ({ prefix: parsePrefix(`192.168.${200 + i}.0/24`)!, demand: [5, 3, 2.5, 1.5][i]! }));
    const plan = planCapacity({
      prefixes: [{ prefix: parsePrefix('192.168.200.0/22')!, ranking: RANKING, demand: 12, leaves }],
      capacity: new Map([
        [Y, 10],
        [X, 100],
      ]),
    });
    const text = formatPlanFile(plan, ['made for a test']);
    expect(text).toBe(`# made for a test\n192.168.201.0/24 ${X}  # from ${Y}\n`);
    expect(parsePlanFile(text, 'plan', answers).map((e) => [formatPrefix(e.prefix), e.pop, e.from])).toEqual(
      plan.moves.map((m) => [formatPrefix(m.prefix), m.to, m.from]),
    );
  });
});
