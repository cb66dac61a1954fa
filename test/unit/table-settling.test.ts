import { describe, expect, it } from '@jest/globals';
import { parseBirdProtocols } from '../../src/parsers/bird-show-protocols.js';
import { parseFrrJsonBgpSummary } from '../../src/parsers/frr-json-bgp-summary.js';
import type { BgpSession } from '../../src/core/bgp-session.js';
import { parseBgpSummary } from '../../src/parsers/zebra-show-bgp.js';
import { MAX_SETTLING_MS, TableSettling } from '../../src/pops/table-settling.js';
import { fixture, replyTo } from '../helpers/transcript.js';

const up = (neighbor: string, prefixes: number): BgpSession => ({
  neighbor,
  asn: 64600,
  established: true,
  state: 'Established',
  since: '00:01:00',
  prefixes,
});
const down = (neighbor: string, state = 'Active'): BgpSession => ({ neighbor, asn: 64600, established: false, state, since: 'never' });

describe('prefixes received per session, as each route server shows them', () => {
  it('adds the address families of one neighbor together', () => {
    const frr = parseBgpSummary(replyTo(fixture('frr/frr-bgp-summary.txt'), 'show bgp summary'));
    expect(frr.map((s) => [s.neighbor, s.prefixes])).toEqual([
      ['127.0.0.2', 9],
      ['127.0.0.3', 4],
    ]);
    const json = parseFrrJsonBgpSummary(replyTo(fixture('frr/frr-bgp-summary-json.txt'), 'show bgp summary json'));
    expect(json.map((s) => [s.neighbor, s.prefixes])).toEqual([
      ['127.0.0.2', 9],
      ['127.0.0.3', 4],
    ]);
    const shut = parseBgpSummary(replyTo(fixture('frr/frr-bgp-summary-pop-y-shut.txt'), 'show bgp summary'));
    expect(shut[1]!.prefixes).toBeUndefined();
    const bird = parseBirdProtocols(fixture('bird/show-protocols-all.txt'));
    expect(bird.every((s) => s.prefixes !== undefined && s.prefixes > 0)).toBe(true);
  });
});

describe('TableSettling: when a route server that (re)connected has its whole table again', () => {
  it('waits for two looks that agree after a reconnect', () => {
    let now = 0;
    const s = new TableSettling(() => now);
    s.begin('reconnected');
    expect(s.observe([up('a', 100)])).toBe(false);
    now += 1000;
    expect(s.settling).toBeDefined();
    expect(s.observe([up('a', 100)])).toBe(true);
    expect(s.settling).toBeUndefined();
  });

  it('waits while prefixes are still arriving, and while a session seen up before, or trying, is not up', () => {
    const now = 0;
    const s = new TableSettling(() => now);
    s.observe([up('a', 100), up('b', 10)]);
    s.begin('bgpd restarted');
    s.observe([down('a'), down('b', 'Connect')]);
    expect(s.observe([down('a'), down('b', 'Connect')])).toBe(false);
    expect(s.observe([up('a', 5), down('b', 'Connect')])).toBe(false);
    expect(s.observe([up('a', 100), up('b', 3)])).toBe(false);
    expect(s.observe([up('a', 100), up('b', 10)])).toBe(false);
    // Churn of a whole table (a thousandth) is not arrival.
    expect(s.observe([up('a', 100), up('b', 10)])).toBe(true);
    const big = new TableSettling(() => now);
    big.begin('reconnected');
    big.observe([up('a', 900_000)]);
    expect(big.observe([up('a', 900_400)])).toBe(true);
  });

  it('does not wait for a session shut by the operator that was never up', () => {
    const s = new TableSettling(() => 0);
    s.begin('reconnected');
    s.observe([up('a', 100), down('c', 'Idle')]);
    expect(s.observe([up('a', 100), down('c', 'Idle')])).toBe(true);
  });

  it('begins again when a session comes up, and gives up waiting after a minute', () => {
    let now = 0;
    const s = new TableSettling(() => now);
    s.observe([up('a', 100), down('b')]);
    expect(s.observe([up('a', 100), up('b', 0)])).toBe(false);
    expect(s.settling?.why).toMatch(/BGP session b \(AS64600\) came up/);
    expect(s.observe([up('a', 100), up('b', 50)])).toBe(false);
    expect(s.observe([up('a', 100), up('b', 50)])).toBe(true);
    s.begin('reconnected');
    s.observe([up('a', 100), down('b')]);
    now += MAX_SETTLING_MS;
    expect(s.observe([up('a', 100), down('b')])).toBe(true);
  });
});
