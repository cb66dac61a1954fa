import { describe, expect, it } from '@jest/globals';
import { parseRttField } from '../../src/core/rtt-field.js';
import type { ClientAddress } from '../../src/core/address.js';
import { formatPrefix, type Prefix, parsePrefix } from '../../src/core/prefix.js';
import { rttMsOf, servedByOf } from '../../src/logs/rtt-facts.js';
import { qualityReport } from '../../src/quality/quality-report.js';
import { KEPT_SAMPLES, RttTally, RttTallyJsonError } from '../../src/quality/rtt-tally.js';

const P = parsePrefix('192.168.193.0/24')!;
const Q = parsePrefix('10.1.0.0/16')!;
const RULES = { marginMs: 20, minSamples: 50 };

/** The `i`th client of an IPv4 prefix, spread over its /24s, `blocks` of them. */
function clientIn(prefix: Prefix, i: number, blocks = 1): ClientAddress {
  return { family: 4, text: '', value: ((prefix.network as number) + (i % blocks) * 256 + 7) >>> 0 };
}

function tallied(rows: ReadonlyArray<[prefix: typeof P, chosen: string, servedBy: string, count: number, rttMs: number]>): RttTally {
  const tally = new RttTally();
  for (const [prefix, chosen, servedBy, count, rttMs] of rows)
    for (let i = 0; i < count; i++) tally.add(prefix, chosen, servedBy, rttMs + (i % 5), clientIn(prefix, i));
  return tally;
}

describe('the quality report', () => {
  it('flags a prefix whose chosen POP is the margin slower than another, on enough samples at each, and weighs the summary by requests', () => {
    const report = qualityReport(
      tallied([
        [P, 'y', 'y', 100, 80],
        [P, 'y', 'x', 60, 20],
        [Q, 'z', 'z', 300, 15],
        [Q, 'z', 'x', 300, 60],
      ]),
      RULES,
    );
    expect(report.prefixes.map((p) => [p.prefix.length, p.flagged, p.fastest, p.slowerByMs])).toEqual([
      [24, true, 'x', 60],
      [16, false, 'z', 0],
    ]);
    expect(report.prefixes[0]!.pops.map((p) => [p.pop, p.samples, p.medianMs, p.p90Ms])).toEqual([
      ['x', 60, 22, 24],
      ['y', 100, 82, 84],
    ]);
    expect([report.requests, report.slowRequests, report.unjudgedRequests]).toEqual([760, 160, 0]);
  });

  it('judges nothing on too few samples at the chosen POP or at the faster one, and never flags below the margin', () => {
    const report = qualityReport(
      tallied([
        [P, 'y', 'y', 49, 80],
        [P, 'y', 'x', 500, 20],
        [Q, 'z', 'z', 500, 35],
        [Q, 'z', 'x', 500, 16],
      ]),
      RULES,
    );
    const byLength = new Map(report.prefixes.map((p) => [p.prefix.length, p]));
    expect([byLength.get(24)!.flagged, byLength.get(24)!.slowerByMs]).toEqual([false, undefined]);
    expect([byLength.get(16)!.flagged, byLength.get(16)!.slowerByMs]).toEqual([false, 19]);
    expect([report.slowRequests, report.unjudgedRequests]).toEqual([0, 549]);
  });

  it('keeps a bounded sample past KEPT_SAMPLES, the same one on every run', () => {
    const run = (): number[] => {
      const tally = new RttTally();
      for (let i = 0; i < KEPT_SAMPLES * 20; i++) tally.add(P, 'y', 'y', i < KEPT_SAMPLES * 10 ? 10 : 90, clientIn(P, i));
      const pop = qualityReport(tally, RULES).prefixes[0]!.pops[0]!;
      return [pop.samples, pop.medianMs, pop.p90Ms];
    };
    const first = run();
    expect(first[0]).toBe(KEPT_SAMPLES * 20);
    expect(first.slice(2)).toEqual([90]);
    expect(run()).toEqual(first);
  });
});

describe('the /24s of a wider prefix, from its kept samples', () => {
  const block = (third: number, i: number): ClientAddress => ({
    family: 4,
    text: '',
    value: ((Q.network as number) + third * 256 + (i % 200)) >>> 0,
  });
  const add = (tally: RttTally, pop: string, third: number, count: number, rttMs: number): void => {
    for (let i = 0; i < count; i++) tally.add(Q, 'z', pop, rttMs + (i % 5), block(third, i));
  };

  it('judges each /24 with enough samples at two POPs on its own, and counts a flagged one in an unflagged prefix as slow', () => {
    const tally = new RttTally();
    add(tally, 'z', 0, 200, 15);
    add(tally, 'z', 1, 200, 80);
    add(tally, 'x', 0, 100, 60);
    add(tally, 'x', 1, 100, 20);
    add(tally, 'z', 2, 30, 15);
    add(tally, 'x', 2, 30, 60);
    const report = qualityReport(tally, RULES);
    const q = report.prefixes[0]!;
    expect([formatPrefix(q.prefix), q.flagged, q.fastest]).toEqual(['10.1.0.0/16', false, 'z']);
    expect(q.blocks.map((b) => [formatPrefix(b.prefix), b.chosen, b.requests, b.flagged, b.fastest, b.slowerByMs])).toEqual([
      ['10.1.1.0/24', 'z', 300, true, 'x', 60],
      ['10.1.0.0/24', 'z', 300, false, 'z', 0],
    ]);
    expect(q.blocks[0]!.pops.map((p) => [p.pop, p.samples, p.medianMs])).toEqual([
      ['x', 100, 22],
      ['z', 200, 82],
    ]);
    expect(report.slowRequests).toBe(300);
  });

  it("estimates a /24's requests from its share of a POP's kept samples, and breaks no /24 or longer prefix", () => {
    const tally = new RttTally();
    add(tally, 'z', 0, KEPT_SAMPLES * 3, 15);
    add(tally, 'z', 1, KEPT_SAMPLES, 80);
    add(tally, 'x', 1, 200, 20);
    add(tally, 'x', 0, 200, 60);
    for (let i = 0; i < 100; i++) {
      tally.add(P, 'y', 'y', 80, clientIn(P, i));
      tally.add(P, 'y', 'x', 20, clientIn(P, i));
    }
    const report = qualityReport(tally, RULES);
    const blocks = report.prefixes.find((p) => p.prefix === Q)!.blocks;
    const requests = new Map(blocks.map((b) => [formatPrefix(b.prefix), b.requests]));
    expect(Math.abs(requests.get('10.1.0.0/24')! - (KEPT_SAMPLES * 3 + 200)) / (KEPT_SAMPLES * 3)).toBeLessThan(0.1);
    expect(Math.abs(requests.get('10.1.1.0/24')! - (KEPT_SAMPLES + 200)) / KEPT_SAMPLES).toBeLessThan(0.2);
    expect(report.prefixes.find((p) => p.prefix === P)!.blocks).toEqual([]);
  });
});

describe("merging POPs' tallies (--summary --format json)", () => {
  it("gives the same report from each POP's tally merged as from all the lines in one tally", () => {
    const rows: Array<[typeof P, string, string, number, number]> = [
      [P, 'y', 'y', 100, 80],
      [P, 'y', 'x', 60, 20],
      [Q, 'z', 'z', 300, 15],
      [Q, 'z', 'x', 300, 60],
    ];
    const whole = qualityReport(tallied(rows), RULES);
    const merged = new RttTally();
    for (const pop of ['x', 'y', 'z']) {
      const json = JSON.parse(JSON.stringify(tallied(rows.filter((r) => r[2] === pop)).toJson())) as unknown;
      merged.merge(json, `${pop}.json`);
    }
    expect(qualityReport(merged, RULES)).toEqual(whole);
  });

  it('keeps a uniform sample of both when they hold more than KEPT_SAMPLES together, the same one every run', () => {
    const run = (): number[] => {
      const fast = new RttTally();
      const slow = new RttTally();
      for (let i = 0; i < KEPT_SAMPLES * 3; i++) fast.add(P, 'y', 'y', 10, clientIn(P, i));
      for (let i = 0; i < KEPT_SAMPLES; i++) slow.add(P, 'y', 'y', 90, clientIn(P, i));
      const merged = new RttTally();
      merged.merge(fast.toJson(), 'fast.json');
      merged.merge(slow.toJson(), 'slow.json');
      const samples = [...merged.prefixes][0]!.byPop.get('y')!;
      return [samples.count, samples.kept.filter((ms) => ms === 90).length];
    };
    const [count, slowKept] = run();
    expect(count).toBe(KEPT_SAMPLES * 4);
    // A quarter of the requests were slow: so is about a quarter of the sample.
    expect(Math.abs(slowKept! / KEPT_SAMPLES - 0.25)).toBeLessThan(0.05);
    expect(run()).toEqual([count, slowKept]);
  });

  it('refuses a damaged tally whole, naming the file and the field', () => {
    const good = tallied([[P, 'y', 'y', 3, 80]]).toJson();
    const damaged = [
      [{ ...good, prefixes: [{ ...good.prefixes[0]!, prefix: '10.1.2.300/24' }] }, /prefixes\[0\]\.prefix is not a prefix/],
      [{ ...good, prefixes: [{ ...good.prefixes[0]!, chosen: 'a b' }] }, /prefixes\[0\]\.chosen is not a host name/],
      [
        { ...good, prefixes: [{ ...good.prefixes[0]!, pops: [{ ...good.prefixes[0]!.pops[0]!, rtt_ms: [1, 2] }] }] },
        /pops\[0\] is not a count with/,
      ],
      [
        { ...good, prefixes: [{ ...good.prefixes[0]!, pops: [{ ...good.prefixes[0]!.pops[0]!, rtt_ms: [1, -2, 3] }] }] },
        /rtt_ms is not a list of round trips/,
      ],
      [
        { ...good, prefixes: [{ ...good.prefixes[0]!, pops: [{ ...good.prefixes[0]!.pops[0]!, blocks: [1, 2, 2 ** 24] }] }] },
        /blocks is not a list of \/24 numbers/,
      ],
      [{ ...good, without_rtt: -1 }, /without_rtt or without_server is not a count/],
      [[], /quality is not a round-trip tally/],
    ] as const;
    for (const [json, message] of damaged) {
      const tally = new RttTally();
      expect(() => tally.merge(json, 'pop-y.json')).toThrow(RttTallyJsonError);
      expect(() => tally.merge(json, 'pop-y.json')).toThrow(message);
      expect(() => tally.merge(json, 'pop-y.json')).toThrow(/^pop-y\.json: .*: make the file again with --summary --format json$/);
      expect([...tally.prefixes]).toEqual([]);
    }
  });
});

describe('round-trip facts from a log line', () => {
  const json = parseRttField('tcpinfo_rtt')!;
  it('reads a JSON key in µs or ms, as a number or a string, and the serving POP from its key', () => {
    const line = '{"tcpinfo_rtt":"20500","pop":"www.y.example.net"}';
    expect([rttMsOf(line, json), servedByOf(line, 'pop')]).toEqual([20.5, 'www.y.example.net']);
    expect([rttMsOf('{"rtt":12,"pop":"x"}', parseRttField('rtt ms')!), servedByOf('{"rtt":12,"pop":"x"}', 'pop')]).toEqual([12, 'x']);
  });

  it('reads a whitespace field of a combined line, quoted strings counted as one', () => {
    const line = '192.0.2.7 - - [01/Dec/2026:18:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "curl/8" 31250';
    expect(rttMsOf(line, parseRttField('11 us')!)).toBe(31.25);
    expect(rttMsOf(line.replace('31250', '31250.5'), parseRttField('11 us')!)).toBe(31.2505);
    expect(rttMsOf(line.replace('31250', '-'), parseRttField('11 us')!)).toBeUndefined();
    expect(rttMsOf(line.replace(' 31250', ''), parseRttField('11 us')!)).toBeUndefined();
  });

  it('takes nothing that no round trip or host name can be', () => {
    for (const value of [
      '"-"',
      '-5',
      '"1e9"',
      '99999999999',
      '"abc"',
      'null',
      '{"a":1}',
      '"12."',
      '".5"',
      '"1.2.3"',
      '"0x10"',
      '" 12"',
      '"12 "',
    ])
      expect(rttMsOf(`{"tcpinfo_rtt":${value},"pop":"x"}`, json)).toBeUndefined();
    expect(servedByOf('{"tcpinfo_rtt":1000,"pop":"x y; rm -rf"}', 'pop')).toBeUndefined();
    expect([rttMsOf('not json', json), servedByOf('not json', 'pop')]).toEqual([undefined, undefined]);
  });

  it('reads a field as Number() reads plain digits with at most one inner point, and nothing else', () => {
    const us = parseRttField('rtt us')!;
    let seed = 7;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: 1 + next(18) }, () => '0123456789.-e x'[next(i % 2 ? 11 : 15)]).join('');
      const plain = /^\d+(\.\d+)?$/.test(text) && Number(text) / 1000 <= 60_000;
      expect([text, rttMsOf(`{"rtt":"${text}"}`, us)]).toEqual([text, plain ? Number(text) / 1000 : undefined]);
    }
  });

  it('refuses a field spec it cannot read', () => {
    for (const bad of ['', '0', 'rtt seconds', 'rtt us extra', '1x']) expect(parseRttField(bad)).toBeUndefined();
    expect(parseRttField('11 ms')).toEqual({ field: { kind: 'position', position: 11 }, unit: 'ms' });
  });
});
