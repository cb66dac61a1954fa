import { describe, expect, it } from '@jest/globals';
import { parseAsPathText } from '../../src/core/as-path.js';
import { parsePrefix } from '../../src/core/prefix.js';
import type { Decision } from '../../src/resolver/resolver.js';
import { parseClientField } from '../../src/core/client-field.js';
import { clientFromForwardedFor, clientKeyOf, fieldAt, fieldStart, jsonField } from '../../src/logs/client-field.js';
import { rttMsOf } from '../../src/logs/rtt-facts.js';
import { parseRttField } from '../../src/core/rtt-field.js';
import { LogRun, type LineOutcome } from '../../src/logs/log-run.js';
import { SummaryCounter } from '../../src/logs/summary.js';
import { RouteServerError } from '../../src/core/route-server-error.js';
import { resolverOver } from '../helpers/resolver.js';
import { ScriptedRouteServer } from '../helpers/scripted-route-server.js';

const COMBINED =
  '192.0.2.7 - frank [10/Oct/2000:13:55:36 -0700] "GET /a b.gif HTTP/1.0" 200 2326 "http://x/" "Mozilla/4.08 (Win98)" "198.51.100.9, 10.0.0.1"';
const ROUTES = { '192.168.193.0/24': '64702 64602', '10.1.0.0/16': '64702 64701 64605', '10.0.0.0/8': '64600 64601' };

describe('finding the client in a log line', () => {
  it('reads whitespace fields, a quoted string being one field', () => {
    expect(fieldAt(COMBINED, 1)).toBe('192.0.2.7');
    expect(fieldAt(COMBINED, 3)).toBe('frank');
    expect(fieldAt(COMBINED, 6)).toBe('GET /a b.gif HTTP/1.0');
    expect(fieldAt(COMBINED, 10)).toBe('Mozilla/4.08 (Win98)');
    expect(fieldAt(COMBINED, 11)).toBe('198.51.100.9, 10.0.0.1');
    expect(fieldAt(COMBINED, 12)).toBeUndefined();
    expect(fieldAt('\t 192.0.2.1\tx', 1)).toBe('192.0.2.1');
    expect(fieldAt('"unterminated', 1)).toBe('unterminated');
  });

  it('reads fields as a character-by-character scan does: escapes, tabs and unterminated quotes included', () => {
    // The reference: each backslash in a quoted field takes the character after it.
    const reference = (line: string, position: number): string | undefined => {
      const n = line.length;
      let i = 0;
      for (let field = 1; ; field++) {
        while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
        if (i >= n) return undefined;
        let start = i;
        let end: number;
        if (line[i] === '"') {
          start = i + 1;
          end = start;
          while (end < n && line[end] !== '"') end += line[end] === '\\' ? 2 : 1;
          i = end + 1;
          end = Math.min(end, n);
        } else {
          end = i;
          while (end < n && line[end] !== ' ' && line[end] !== '\t') end++;
          i = end;
        }
        if (field === position) return line.slice(start, end);
      }
    };
    const alphabet = ['a', 'b', ' ', ' ', '\t', '"', '\\', '1', '.', '\r', '\u2028'];
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const mismatches: string[] = [];
    for (let t = 0; t < 20_000; t++) {
      const line = Array.from({ length: Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      for (let position = 1; position <= 8; position++)
        if (fieldAt(line, position) !== reference(line, position)) mismatches.push(JSON.stringify([line, position]));
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('finds where a field starts, and reads a round trip there, as the field read whole says: 20,000 random lines', () => {
    // The reference: the field as fieldAt reads it, taken only when it is digits with at most one point between digits.
    const referenceMs = (line: string, position: number, unit: 'us' | 'ms'): number | undefined => {
      const raw = fieldAt(line, position);
      if (raw === undefined || !/^\d+(\.\d+)?$/.test(raw)) return undefined;
      const ms = unit === 'us' ? Number(raw) / 1000 : Number(raw);
      return ms <= 60_000 ? ms : undefined;
    };
    const alphabet = ['1', '2', '0', '9', '.', ' ', '\t', '"', '\\', 'a', '-', 'e', '\r', '7'];
    let seed = 13;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const mismatches: string[] = [];
    let numbers = 0;
    for (let t = 0; t < 20_000; t++) {
      const line = Array.from({ length: Math.floor(next() * 28) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      for (let position = 1; position <= 6; position++) {
        const start = fieldStart(line, position);
        if (start >= 0 !== (fieldAt(line, position) !== undefined)) mismatches.push(JSON.stringify(['start', line, position, start]));
        for (const unit of ['us', 'ms'] as const) {
          const expected = referenceMs(line, position, unit);
          if (expected !== undefined) numbers++;
          const got = rttMsOf(line, parseRttField(`${position} ${unit}`)!);
          if (got !== expected) mismatches.push(JSON.stringify([line, position, unit, got, expected]));
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    // Numbers were read often, not only refusals.
    expect(numbers).toBeGreaterThan(5000);
    expect(rttMsOf(`${COMBINED} 48123`, parseRttField('12 us')!)).toBe(48.123);
    expect(rttMsOf('1.2.3.4 "12.5" x', parseRttField('2 ms')!)).toBe(12.5);
    expect(rttMsOf('1.2.3.4 "12 5" x', parseRttField('2 ms')!)).toBeUndefined();
  });

  it('reads a JSON-lines key, and nothing from a line that is not JSON', () => {
    expect(jsonField('{"remote_addr":"2001:db8::1","status":200}', 'remote_addr')).toBe('2001:db8::1');
    expect(jsonField('{"remote_addr":5}', 'remote_addr')).toBeUndefined();
    expect(jsonField('not json', 'remote_addr')).toBeUndefined();
  });

  it('takes the right-most X-Forwarded-For hop outside the trusted proxies', () => {
    const trusted = [parsePrefix('10.0.0.0/8')!, parsePrefix('2001:db8:ffff::/48')!];
    expect(clientFromForwardedFor('203.0.113.5, 198.51.100.9, 10.0.0.1', trusted)).toBe('198.51.100.9');
    expect(clientFromForwardedFor('198.51.100.9, 2001:db8:ffff::2', trusted)).toBe('198.51.100.9');
    expect(clientFromForwardedFor('forged, 10.0.0.1', trusted)).toBe('forged');
    expect(clientFromForwardedFor('10.0.0.2, 10.0.0.1', trusted)).toBeUndefined();
    expect(clientKeyOf(COMBINED, { field: { kind: 'position', position: 11 }, trustedProxies: trusted })).toBe('198.51.100.9');
  });

  it('parses --field as a position or a JSON key', () => {
    expect(parseClientField('3')).toEqual({ kind: 'position', position: 3 });
    expect(parseClientField('client.ip')).toEqual({ kind: 'json', key: 'client.ip' });
    expect(parseClientField('0')).toBeUndefined();
    expect(parseClientField('a b')).toBeUndefined();
  });
});

async function runLines(
  rs: ScriptedRouteServer,
  lines: string[],
  options: { retryForMs?: number; maxInFlight?: number; told?: string[] } = {},
) {
  const resolver = resolverOver(rs, {
    pops: new Map([
      [64701, 'z'],
      [64702, 'y'],
    ]),
    self: 'x',
    cacheSize: 1000,
    cacheTimeoutMs: 60_000,
  });
  const out: Array<[string, LineOutcome]> = [];
  const run = new LogRun(
    resolver,
    {
      selector: { field: { kind: 'position', position: 1 } },
      maxInFlight: options.maxInFlight ?? 4,
      retryForMs: options.retryForMs ?? 2000,
      onWaiting: () => options.told?.push('waiting'),
      onGivingUp: () => options.told?.push('giving up'),
      onAnsweringAgain: () => options.told?.push('answers again'),
    },
    (line, o) => out.push([line, o]),
  );
  await run.push(lines);
  await run.finish();
  return { out, resolver };
}

const mark = (o: LineOutcome): string => (o.kind === 'answer' ? o.decision.answer : o.kind === 'no-address' ? '-' : '!failed');

describe('LogRun', () => {
  it('keeps input order while misses are answered out of order', async () => {
    const rs = new ScriptedRouteServer(ROUTES);
    rs.delayMs = 5;
    const lines = Array.from({ length: 300 }, (_, i) =>
      i % 7 === 0 ? `junk ${i}` : `${['192.168.193', '10.1.2', '10.9.9', '203.0.113'][i % 4]}.${i % 250} GET /${i}`,
    );
    const { out } = await runLines(rs, lines);
    expect(out.map(([line]) => line)).toEqual(lines);
    for (const [line, o] of out) {
      const expected = line.startsWith('junk') ? '-' : line.startsWith('192.168.193') ? 'y' : line.startsWith('10.1.2') ? 'z' : 'x';
      expect([line, mark(o)]).toEqual([line, expected]);
    }
  });

  it('asks the route server once per prefix when the prefix can be cached whole', async () => {
    const rs = new ScriptedRouteServer(ROUTES);
    rs.delayMs = 2;
    const lines = Array.from({ length: 500 }, (_, i) => `192.168.193.${i % 250} x`);
    const { resolver } = await runLines(rs, lines, { maxInFlight: 16 });
    expect(resolver.stats.routeServerQueries).toBe(1);
  });

  it('waits for a route server that is down and gives its real answer, never self in its place', async () => {
    const rs = new ScriptedRouteServer(ROUTES);
    rs.failWith = new RouteServerError('unavailable', 'connection refused');
    setTimeout(() => {
      rs.failWith = undefined;
    }, 300);
    const told: string[] = [];
    const { out } = await runLines(rs, ['192.168.193.1 a', '10.1.2.3 b'], { told });
    expect(out.map(([, o]) => mark(o))).toEqual(['y', 'z']);
    // The wait was told, and so is its end: once.
    expect(told).toEqual(['waiting', 'answers again']);
  });

  it('spends retry_for once per outage, not once per line: the rest fail at once', async () => {
    const rs = new ScriptedRouteServer(ROUTES);
    rs.failWith = new RouteServerError('unavailable', 'connection refused');
    const lines = Array.from({ length: 10 }, (_, i) => `192.168.193.${i + 1} a`);
    const started = performance.now();
    const { out } = await runLines(rs, lines, { retryForMs: 400, maxInFlight: 1 });
    expect(out.map(([, o]) => mark(o))).toEqual(lines.map(() => '!failed'));
    // One budget of 400 ms, then one quick try per line; per line it would take 4 s.
    expect(performance.now() - started).toBeLessThan(2000);
    // Back again: lines get real answers.
    rs.failWith = undefined;
    expect(mark((await runLines(rs, ['192.168.193.1 a'], { retryForMs: 400 })).out[0]![1])).toBe('y');
  });

  it('counts one lookup per line, however the answer is reached', async () => {
    const rs = new ScriptedRouteServer(ROUTES);
    const { resolver } = await runLines(rs, ['192.168.193.1 a']);
    expect(resolver.stats.lookups).toBe(1);
    expect(resolver.stats.cacheHits).toBe(0);
    expect(resolver.stats.latency.count).toBe(1);
  });

  it('marks a line failed once the route server stays down past retry_for', async () => {
    const rs = new ScriptedRouteServer(ROUTES);
    rs.failWith = new RouteServerError('unavailable', 'connection refused');
    const { out } = await runLines(rs, ['192.168.193.1 a', 'nothing', '10.1.2.3 b'], { retryForMs: 200 });
    expect(out.map(([, o]) => mark(o))).toEqual(['!failed', '-', '!failed']);
  });
});

describe('SummaryCounter', () => {
  it("counts requests, clients and prefixes per POP, and where a drained POP's clients would go", async () => {
    const rs = new ScriptedRouteServer({ ...ROUTES, '172.16.0.0/12': '64600 64702 64701' });
    const lines = ['192.168.193.1', '192.168.193.1', '192.168.193.2', '10.1.2.3', '172.16.0.1', '203.0.113.9', 'junk'];
    const { out } = await runLines(rs, lines);
    const counter = new SummaryCounter();
    for (const [, o] of out) counter.add(o);
    const pops = new Map([
      [64701, 'z'],
      [64702, 'y'],
    ]);
    const summary = counter.summary({ top: 10, without: { drained: ['y'], pops, self: 'x' } });
    expect(summary).toMatchObject({ lines: 7, answered: 6, noAddress: 1, failed: 0 });
    expect(summary.pops.map((p) => [p.pop, p.requests, p.clients, p.prefixes])).toEqual([
      ['y', 3, 2, 1],
      ['z', 2, 2, 2],
      ['x', 1, 1, 0],
    ]);
    expect(summary.topPrefixes[0]).toEqual({ prefix: '192.168.193.0/24', asPath: '64702 64602', pop: 'y', requests: 3 });
    expect(summary.without).toEqual({ pops: ['y'], requests: 3, moves: [{ to: 'x', requests: 3, share: 50 }] });
    // Several POPs drained together: none of them takes the others' clients.
    expect(counter.summary({ top: 10, without: { drained: ['z', 'y'], pops, self: 'x' } }).without).toEqual({
      pops: ['z', 'y'],
      requests: 5,
      moves: [{ to: 'x', requests: 5, share: (100 * 5) / 6 }],
    });
    expect(counter.summary({ top: 10, without: { drained: ['z'], pops, self: 'x' } }).without?.moves).toEqual([
      { to: 'y', requests: 2, share: (100 * 2) / 6 },
    ]);
  });

  it('keeps memory flat when every answer carries a route object of its own, and counts stay exact', () => {
    const counter = new SummaryCounter();
    const prefixes = ['192.168.193.0/24', '10.1.0.0/16', '10.0.0.0/8'];
    for (let i = 0; i < 200_000; i++) {
      const route = { prefix: parsePrefix(prefixes[i % 3]!)!, asPath: parseAsPathText(i % 3 === 0 ? '64702 64602' : '64600 64601') };
      const decision = { answer: i % 3 === 0 ? 'y' : 'x', route, address: undefined } as unknown as Decision;
      counter.add({ kind: 'answer', key: `k${i % 1000}`, decision });
      expect(counter.routeObjects).toBeLessThanOrEqual(65_536);
    }
    const summary = counter.summary({ top: 3 });
    expect(summary.topPrefixes.map((p) => [p.prefix, p.requests])).toEqual([
      ['10.1.0.0/16', 66_667],
      ['192.168.193.0/24', 66_667],
      ['10.0.0.0/8', 66_666],
    ]);
  });
});
