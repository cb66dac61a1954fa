import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { parseClientAddress } from '../../src/core/address.js';
import { formatAsPath } from '../../src/core/as-path.js';
import { MrtError } from '../../src/parsers/mrt.js';
import { loadMrtTable, MrtRouteServer } from '../../src/route-servers/mrt-route-server.js';
import { formatPrefix } from '../../src/core/prefix.js';
import type { RouteLookup } from '../../src/core/route.js';
import { mrtDump, type MrtWriterRib } from '../helpers/mrt-writer.js';
import { scratchDir } from '../helpers/scratch.js';
import { waitFor } from '../helpers/wait.js';

const PEERS = [
  { address: '127.0.0.2', asn: 64600 },
  { address: '127.0.0.3', asn: 64702 },
  { address: '2001:db8::3', asn: 4200000001 },
];
const RIBS: MrtWriterRib[] = [
  {
    prefix: '192.168.193.0/24',
    entries: [
      { peer: 0, path: [64600, 64601, 64602] },
      { peer: 1, path: [64702, 64602] },
    ],
  },
  { prefix: '10.0.0.0/8', entries: [{ peer: 0, path: [64600, 64601, 64603] }] },
  { prefix: '10.1.0.0/16', entries: [{ peer: 1, path: [64702, 64701, 64605] }] },
  {
    prefix: '100.64.0.0/10',
    entries: [
      { peer: 0, path: [64600, [64610, 64611]] },
      { peer: 1, path: [64702, 64601, 64602] },
    ],
  },
  {
    prefix: '2001:db8:193::/48',
    entries: [
      { peer: 0, path: [64600, 64601, 64602] },
      { peer: 2, path: [4200000001, 64602] },
    ],
  },
  { prefix: '0.0.0.0/0', entries: [{ peer: 0, path: [64600] }] },
];

const show = (lookup: RouteLookup): string =>
  lookup.kind === 'route' ? `${formatPrefix(lookup.route.prefix)} ${formatAsPath(lookup.route.asPath)}` : 'no-route';

/** Where the last record of a dump begins. */
function lastRecordStart(data: Buffer): number {
  let at = 0;
  let last = 0;
  while (at + 12 <= data.length) {
    last = at;
    at += 12 + data.readUInt32BE(at + 8);
  }
  return last;
}

const servers: MrtRouteServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

function write(name: string, data: Buffer): string {
  const file = join(scratchDir('mrt'), name);
  writeFileSync(file, data);
  return file;
}

describe('MRT TABLE_DUMP_V2', () => {
  it.each([false, true])('loads best paths by AS-path length across peers (add-path %s)', async (addPath) => {
    const table = await loadMrtTable(write('rib.mrt', mrtDump(PEERS, RIBS, addPath)));
    expect(table.peers.map((p) => p.address)).toEqual(['127.0.0.2', '127.0.0.3', '2001:db8::3']);
    const at = (a: string): string => {
      const m = table.lookup(parseClientAddress(a)!);
      return m.kind === 'route' ? `${formatPrefix(m.route.prefix)} ${formatAsPath(m.route.asPath)}` : 'none';
    };
    expect(at('192.168.193.15')).toBe('192.168.193.0/24 64702 64602');
    expect(at('10.1.2.3')).toBe('10.1.0.0/16 64702 64701 64605');
    expect(at('10.9.9.9')).toBe('10.0.0.0/8 64600 64601 64603');
    expect(at('100.64.1.1')).toBe('100.64.0.0/10 64600 {64610,64611}');
    expect(at('2001:db8:193::1')).toBe('2001:db8:193::/48 4200000001 64602');
    expect(at('203.0.113.9')).toBe('0.0.0.0/0 64600');
    expect(at('2001:db9::1')).toBe('none');
  });

  it.each([16, 64, 100, 4096])(
    'reads a dump %i bytes at a time as it reads it whole: records never split, offsets exact',
    async (chunkBytes) => {
      const file = write('rib.mrt', mrtDump(PEERS, RIBS));
      const whole = await loadMrtTable(file, { pops: new Set([64701, 64702]) });
      const chunked = await loadMrtTable(file, { pops: new Set([64701, 64702]), chunkBytes });
      for (const a of ['192.168.193.15', '10.1.2.3', '10.9.9.9', '100.64.1.1', '2001:db8:193::1', '203.0.113.9', '2001:db9::1']) {
        expect(show(chunked.lookup(parseClientAddress(a)!))).toBe(show(whole.lookup(parseClientAddress(a)!)));
      }
      for (let i = 0; i < chunked.decided.size; i++) expect(formatAsPath(chunked.pathOf(i))).toBe(formatAsPath(whole.pathOf(i)));
      const data = mrtDump(PEERS, RIBS);
      await expect(loadMrtTable(write('cut.mrt', data.subarray(0, data.length - 7)), { chunkBytes })).rejects.toThrow(
        new RegExp(`MRT record at byte ${lastRecordStart(data)} claims`),
      );
      whole.close();
      chunked.close();
    },
  );

  it("takes one named peer's paths, by address or AS", async () => {
    const file = write('rib.mrt', mrtDump(PEERS, RIBS));
    for (const peer of ['127.0.0.2', '64600']) {
      const table = await loadMrtTable(file, { peer });
      expect(show(table.lookup(parseClientAddress('192.168.193.15')!))).toBe('192.168.193.0/24 64600 64601 64602');
      expect(show(table.lookup(parseClientAddress('10.1.2.3')!))).toBe('10.0.0.0/8 64600 64601 64603');
    }
    await expect(loadMrtTable(file, { peer: '192.0.2.99' })).rejects.toThrow(
      /mrt_peer 192.0.2.99 is not a peer of .*127.0.0.2 \(AS64600\)/,
    );
  });

  it('names the file and byte of a truncated dump', async () => {
    const data = mrtDump(PEERS, RIBS);
    await expect(loadMrtTable(write('cut.mrt', data.subarray(0, data.length - 7)))).rejects.toThrow(MrtError);
    await expect(loadMrtTable(write('cut.mrt', data.subarray(0, data.length - 7)))).rejects.toThrow(
      /cut\.mrt: MRT record at byte \d+ claims/,
    );
    await expect(loadMrtTable('/nonexistent.mrt')).rejects.toThrow(/cannot read MRT file \/nonexistent.mrt/);
  });

  it('answers through the route server and reloads a replaced dump without a gap', async () => {
    const file = write('rib.mrt', mrtDump(PEERS, RIBS));
    const reloads: string[] = [];
    const server = new MrtRouteServer(file, { watchIntervalMs: 50, recordsPerSlice: 1, onEvent: (event) => reloads.push(event.kind) });
    servers.push(server);
    expect(show(await server.lookup(parseClientAddress('192.168.193.15')!))).toBe('192.168.193.0/24 64702 64602');
    const changed = RIBS.map((r) => (r.prefix === '192.168.193.0/24' ? { ...r, entries: [{ peer: 0, path: [64600] }] } : r));
    const next = `${file}.new`;
    writeFileSync(next, mrtDump(PEERS, changed));
    renameSync(next, file);
    const answers = new Set<string>();
    const deadline = Date.now() + 5000;
    while (reloads.filter((r) => r === 'table-loaded').length < 2 && Date.now() < deadline) {
      const lookup = server.lookupNow(parseClientAddress('192.168.193.15')!);
      answers.add(show(lookup));
      await new Promise((r) => setImmediate(r));
    }
    expect(reloads.filter((r) => r === 'table-loaded').length).toBe(2);
    expect([...answers].every((a) => a === '192.168.193.0/24 64702 64602' || a === '192.168.193.0/24 64600')).toBe(true);
    expect(show(server.lookupNow(parseClientAddress('192.168.193.15')!))).toBe('192.168.193.0/24 64600');
  });

  it.each([
    ['replaced', '10.1.0.0/16 64702 64701 64605'],
    // Rewritten in place, the old dump's bytes are gone: the answer stands, its path told by its POPs.
    ['rewritten in place', '10.1.0.0/16 64702 64701'],
  ])('keeps answering from the old dump when a new one is broken (%s)', async (how, expected) => {
    const file = write('rib.mrt', mrtDump(PEERS, RIBS));
    const states: string[] = [];
    const server = new MrtRouteServer(file, {
      watchIntervalMs: 50,
      pops: new Set([64701, 64702]),
      onEvent: (event) => states.push(event.kind),
    });
    servers.push(server);
    await server.lookup(parseClientAddress('10.1.2.3')!);
    if (how === 'replaced') {
      writeFileSync(`${file}.new`, Buffer.from('not an mrt file at all'));
      renameSync(`${file}.new`, file);
    } else writeFileSync(file, Buffer.from('not an mrt file at all'));
    await waitFor('the table rejected', () => states.includes('table-rejected'), 3000, 20).catch(() => undefined);
    expect(states).toContain('table-rejected');
    expect(show(server.lookupNow(parseClientAddress('10.1.2.3')!))).toBe(expected);
  });
});

describe('route_server mrt from the CLI', () => {
  it('answers in batch mode from a dump, and picks up a new dump while running', async () => {
    const dir = scratchDir('mrt-cli');
    const file = join(dir, 'rib.mrt');
    writeFileSync(file, mrtDump(PEERS, RIBS));
    const config = join(dir, 'supersparrow.conf');
    writeFileSync(config, 'route_server mrt\ntable rib.mrt\npeer 64702=y.example,64701=z.example\nself x.example\nbatch\n');
    const { MapProgram } = await import('../helpers/cli.js');
    const map = new MapProgram(['--config', config]);
    try {
      expect((await map.ask('192.168.193.15')).answer).toBe('y.example');
      expect((await map.ask('10.1.2.3')).answer).toBe('z.example');
      expect((await map.ask('2001:db8:193::1')).answer).toBe('x.example');
      const changed = RIBS.map((r) => (r.prefix === '192.168.193.0/24' ? { ...r, entries: [{ peer: 0, path: [64600] }] } : r));
      writeFileSync(`${file}.new`, mrtDump(PEERS, changed));
      renameSync(`${file}.new`, file);
      await map.askUntil('192.168.193.15', 'x.example', 5000);
      expect(map.stderr).toMatch(/route server reloaded: mrt .*rib\.mrt: 6 prefixes from 3 peers/);
      expect((await map.end()).code).toBe(0);
    } finally {
      map.kill();
    }
  });

  it('never swaps in a dump caught mid-rewrite at a record boundary', async () => {
    const file = write('rib.mrt', mrtDump(PEERS, RIBS));
    const many: MrtWriterRib[] = Array.from({ length: 400 }, (_, i) => ({
      prefix: `10.${2 + (i >> 8)}.${i & 255}.0/24`,
      entries: [{ peer: 1, path: [64702] }],
    }));
    const whole = mrtDump(PEERS, many);
    const half = mrtDump(PEERS, many.slice(0, 200));
    const loaded: number[] = [];
    const server = new MrtRouteServer(file, {
      watchIntervalMs: 20,
      // Far longer than the writer's pause: a busy machine's late timer cannot make the pause look settled.
      settleMs: 1500,
      onEvent: (e) => {
        if (e.kind === 'table-loaded') loaded.push(e.prefixes);
      },
    });
    servers.push(server);
    await server.whenLoaded();
    // The writer stops at a record boundary for a moment, as a dump being written does.
    writeFileSync(file, half);
    await new Promise((r) => setTimeout(r, 120));
    appendFileSync(file, whole.subarray(half.length));
    await waitFor('the whole dump loaded', () => loaded.length >= 2, 8000, 20).catch(() => undefined);
    expect(loaded).toEqual([RIBS.length, 400]);
  });
});
