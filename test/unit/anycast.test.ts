import { describe, expect, it } from '@jest/globals';
import { selfState } from '../../src/anycast/self-state.js';
import type { HealthRecord } from '../../src/pops/health-state.js';
import { announcementsFor, commandsBetween, neighborStateOf } from '../../src/anycast/announcer.js';
import { parsePrefix } from '../../src/core/prefix.js';

const LINES = [
  { prefix: parsePrefix('192.0.2.0/24')!, nextHop: 'self' },
  { prefix: parsePrefix('2001:db8:ac::/48')!, nextHop: '2001:db8::1' },
];

describe('anycast announcements', () => {
  it('announces every prefix while up, nothing when down, and on a drain nothing or, with MEDs, the drained MED', () => {
    expect(announcementsFor('up', LINES, undefined).map((a) => a.prefix)).toEqual(['192.0.2.0/24', '2001:db8:ac::/48']);
    expect(announcementsFor('down', LINES, { up: 100, drained: 500 })).toEqual([]);
    expect(announcementsFor('drained', LINES, undefined)).toEqual([]);
    expect(announcementsFor('drained', LINES, { up: 100, drained: 500 }).map((a) => a.med)).toEqual([500, 500]);
  });

  it('sends only the changes, withdrawals first, and nothing when nothing changed', () => {
    const up = announcementsFor('up', LINES, { up: 100, drained: 500 });
    const drained = announcementsFor('drained', LINES, { up: 100, drained: 500 });
    expect(commandsBetween([], up)).toEqual([
      'announce route 192.0.2.0/24 next-hop self med 100',
      'announce route 2001:db8:ac::/48 next-hop 2001:db8::1 med 100',
    ]);
    expect(commandsBetween(up, up)).toEqual([]);
    expect(commandsBetween(up, drained)).toEqual([
      'announce route 192.0.2.0/24 next-hop self med 500',
      'announce route 2001:db8:ac::/48 next-hop 2001:db8::1 med 500',
    ]);
    expect(commandsBetween(up, [up[1]!])).toEqual(['withdraw route 192.0.2.0/24 next-hop self']);
  });

  it('reads ExaBGP 4.2 neighbor state messages, and passes over acknowledgements and garbage', () => {
    const message =
      '{ "exabgp": "4.0.1", "time": 1796223603.79, "host" : "vm", "pid" : 22932, "ppid" : 22919, "counter": 2, "type": "state", "neighbor": { "address": { "local": "127.0.0.4", "peer": "127.0.0.1" }, "asn": { "local": 64700, "peer": 64700 } , "state": "up" } }';
    expect(neighborStateOf(message)).toEqual({ peer: '127.0.0.1', state: 'up' });
    expect(neighborStateOf('done')).toBeUndefined();
    // Hostile shapes: never a throw, never raw bytes.
    expect(neighborStateOf('{"type":"state","neighbor":{"address":{"peer":{"toString":1}},"state":"up"}}')).toEqual({
      peer: '?',
      state: 'up',
    });
    expect(neighborStateOf('{"type":"state","neighbor":{"address":{"peer":"\\u001b[2J\\u0000"},"state":"up\\u001b"}}')).toEqual({
      peer: '\\x1b[2J\\x00',
      state: 'up\\x1b',
    });
    for (const hostile of [
      'null',
      '{"type":"state","neighbor":null}',
      '{"type":"state","neighbor":{"state":{"toString":1}}}',
      '{"type":"state","neighbor":{"address":7,"state":"up"}}',
      '[1]',
      '{"__proto__":{"type":"state"}}',
    ])
      expect(() => neighborStateOf(hostile.startsWith('{') ? hostile : `{"x":${hostile}}`)).not.toThrow();
    expect(neighborStateOf('{"type":"update"}')).toBeUndefined();
    expect(neighborStateOf('{not json')).toBeUndefined();
  });
});

describe("this POP's own state, from its checks", () => {
  const record = (up: boolean, probedAtMs = 1): HealthRecord => ({ up, run: 0, sinceMs: 0, probedAtMs, detail: up ? '200' : 'HTTP 503' });
  const pops = new Map([[64702, 'www.y.example.net']]);
  const health =
    (up: boolean, probedAtMs = 1) =>
    () => [{ host: 'www.y.example.net', url: 'http://127.0.0.1/health', record: record(up, probedAtMs) }];

  it('is down while its own health check fails, drained while a drain names it or its AS, else up', () => {
    expect(selfState('www.y.example.net', pops, { health: health(true) })).toEqual({ state: 'up' });
    expect(selfState('www.y.example.net', pops, { health: health(false) })).toEqual({
      state: 'down',
      why: 'health check http://127.0.0.1/health failing: HTTP 503',
    });
    // Not probed yet: no verdict against it.
    expect(selfState('www.y.example.net', pops, { health: health(false, 0) })).toEqual({ state: 'up' });
    const drained = (asn: number, answer: string) => (asn === 64702 && answer === 'www.y.example.net' ? 'drain file line 1' : undefined);
    expect(selfState('www.y.example.net', pops, { health: health(true), drained })).toEqual({ state: 'drained', why: 'drain file line 1' });
    // Another POP's check says nothing about this one.
    expect(selfState('www.x.example.net', pops, { health: health(false) })).toEqual({ state: 'up' });
  });
});
