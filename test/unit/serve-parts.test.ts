import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ExportPublisher } from '../../src/engines/export-publisher.js';
import { exportPieces } from '../../src/export/render.js';
import { loadMrtTable } from '../../src/route-servers/mrt-route-server.js';
import { randomMrtTable } from '../helpers/random-table.js';
import { scratchDir } from '../helpers/scratch.js';
import { ConfigError } from '../../src/config/config.js';
import { parseConfigText } from '../../src/config/parse.js';
import { checkMmdb, mmdbContent, MmdbFormatError } from '../../src/export/mmdb-check.js';
import { mmdbFile } from '../../src/export/mmdb.js';
import { Coalescer } from '../../src/runtime/coalescer.js';
import { random } from '../helpers/capacity-instances.js';

const parse = (text: string) => parseConfigText(text, '/etc/supersparrow.conf', '/etc');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('export lines', () => {
  it('take a format, a file (relative to the config folder) and the rest of the line as the command', () => {
    const { settings } = parse(
      [
        'export haproxy-map /etc/haproxy/supersparrow-pop.map',
        'export nginx-geo nginx/pop.conf nginx -t -q && nginx -s reload',
        'haproxy_socket /run/haproxy/admin.sock',
      ].join('\n'),
    );
    expect(settings.exports).toEqual([
      { format: 'haproxy-map', file: '/etc/haproxy/supersparrow-pop.map', command: undefined },
      { format: 'nginx-geo', file: '/etc/nginx/pop.conf', command: 'nginx -t -q && nginx -s reload' },
    ]);
    expect(settings.haproxySocket).toBe('/run/haproxy/admin.sock');
  });

  it.each([
    ['export', /:1: "export" needs a value: export FORMAT FILE \[COMMAND\]/],
    [
      'export bind-zone /etc/x',
      /needs a format \(nginx-geo, haproxy-map, gdnsd-nets, csv, mmdb, haproxy-classes, nginx-classes, gdnsd-classes, mmdb-classes, nginx-mmdb-classes\)/,
    ],
    ['export mmdb', /needs a format/],
    [
      'export csv /tmp/a.csv\nexport mmdb /tmp/a.csv',
      /:2: "export": \/tmp\/a\.csv is already exported by an earlier line; give each export a file of its own/,
    ],
  ])('refuse %j, naming the line and the fix', (text, message) => {
    let error: unknown;
    try {
      parse(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/\/etc\/supersparrow\.conf/);
    expect((error as Error).message).toMatch(message);
  });
});

describe('an mmdb read back before it replaces the one in force', () => {
  const rows = [
    { cidr: '0.0.0.0/1', answer: 'www.x.example.net' },
    { cidr: '128.0.0.0/1', answer: 'www.y.example.net' },
    { cidr: '::/3', answer: 'www.x.example.net' },
    { cidr: '2000::/3', answer: 'www.y.example.net' },
    { cidr: '4000::/2', answer: 'www.x.example.net' },
    { cidr: '8000::/1', answer: 'www.x.example.net' },
  ];
  const good = mmdbFile(rows, 'test', 1_796_000_000);

  it('passes a whole file, naming its answers', () => {
    expect([...checkMmdb(good).answers].sort()).toEqual(['www.x.example.net', 'www.y.example.net']);
  });

  it('refuses every file cut short, and every single flipped byte in the tree or the data that a reader would trip on', () => {
    for (let length = 0; length < good.length; length += 7) expect(() => checkMmdb(good.subarray(0, length))).toThrow(MmdbFormatError);
    const next = random(11);
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const bad = Buffer.from(good);
      const at = Math.floor(next() * mmdbContent(good).length);
      bad[at] = bad[at]! ^ 0xff;
      try {
        checkMmdb(bad);
      } catch (e) {
        expect(e).toBeInstanceOf(MmdbFormatError);
        refused++;
      }
    }
    // A flipped byte in a record may still point at a valid node or answer; most cannot.
    expect(refused).toBeGreaterThan(100);
  });

  it('refuses a file that leaves some addresses with no entry (all of IPv4, or a stretch of IPv6)', () => {
    expect(() => checkMmdb(mmdbFile(rows.slice(2), 'test', 1))).toThrow(/leaves addresses with no entry/);
    expect(() => checkMmdb(mmdbFile(rows.slice(0, 4), 'test', 1))).toThrow(/leaves addresses with no entry/);
    // 0.0.0.0/0 alone (every IPv4 answer self) is an entry for every IPv4 address.
    expect(() => checkMmdb(mmdbFile([{ cidr: '0.0.0.0/0', answer: 'www.x.example.net' }, ...rows.slice(2)], 'test', 1))).not.toThrow();
  });

  it('takes the digest of what changes with the blocks alone, not the build time', () => {
    expect(mmdbContent(mmdbFile(rows, 'test', 1))).toEqual(mmdbContent(mmdbFile(rows, 'test', 2)));
    expect(mmdbContent(mmdbFile(rows.slice(1), 'test', 1))).not.toEqual(mmdbContent(good));
  });
});

describe('an mmdb of a big table built in slices', () => {
  it('lets the event loop run while 120k prefixes become an mmdb, and gives the file the one-off export gives', async () => {
    const dir = scratchDir('mmdb-slices');
    writeFileSync(join(dir, 'rib.mrt'), randomMrtTable(120_000, 99).dump);
    const pops = new Map([
      [64701, 'www.z.example.net'],
      [64702, 'www.y.example.net'],
    ]);
    const table = await loadMrtTable(join(dir, 'rib.mrt'), { pops: new Set(pops.keys()) });
    try {
      const source = {
        view: { table: table.decided, pathOf: table.pathOf },
        rules: { pops, self: 'www.x.example.net', plan: [] },
        out: [],
        description: 'test',
        generated: new Date(1_796_000_000_000),
      };
      const publisher = new ExportPublisher({
        log: { line: () => undefined, warnLimited: () => undefined },
        gdnsdAdminState: join(dir, 'admin_state'),
        commandTimeoutMs: 1000,
      });
      // The longest the loop went without running a timer, while the file was made.
      let longest = 0;
      let turns = 0;
      let last = performance.now();
      const ticks = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
        turns++;
      }, 2);
      const started = performance.now();
      const file = join(dir, 'pop.mmdb');
      try {
        expect(await publisher.publish(source, [{ format: 'mmdb', file, command: undefined }], 'test')).toBe(true);
        // The gap up to now counts too: a build that never yields shows here alone.
        longest = Math.max(longest, performance.now() - last);
      } finally {
        clearInterval(ticks);
      }
      const took = performance.now() - started;
      const oneOff = [...exportPieces('mmdb', source)][0] as Buffer;
      expect(mmdbContent(readFileSync(file))).toEqual(mmdbContent(oneOff));
      // Made in slices of 15 ms: the loop runs all through the build (a turn every 50 ms at least, on
      // average), and is never held for a large part of it. A build in one piece is one long gap and
      // no turn; a pause of the collector on a busy machine is one gap, not the rule.
      expect(took).toBeGreaterThan(300);
      expect(turns).toBeGreaterThan(took / 50);
      expect(longest).toBeLessThan(took / 3);
    } finally {
      table.close();
    }
  }, 60_000);
});

describe('a burst of changes written once', () => {
  // Fake timers: the coalescer's timing is exact here, whatever the machine's load.
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });
  const wait = (ms: number) => jest.advanceTimersByTimeAsync(ms);

  it('runs once for pokes closer together than the quiet time, no later than the longest delay', async () => {
    const runs: { at: number; reasons: readonly string[] }[] = [];
    const started = performance.now();
    const coalescer = new Coalescer(50, 200, async (reasons) => {
      runs.push({ at: performance.now() - started, reasons });
    });
    // 30 pokes 20 ms apart: 600 ms of steady change.
    for (let i = 0; i < 30; i++) {
      coalescer.poke(i % 2 === 0 ? 'drain' : 'table');
      await wait(20);
    }
    await wait(150);
    await coalescer.stop();
    // Written every 200 ms while the changes go on, the last run taking the last poke (at 580 ms): 3 times, not 30.
    expect(runs.map((r) => Math.round(r.at))).toEqual([200, 400, 600]);
    expect(runs[0]!.reasons).toEqual(['drain', 'table']);
  });

  it('runs a lone change once the quiet time has passed, not before', async () => {
    let runs = 0;
    const coalescer = new Coalescer(100, 500, async () => {
      runs++;
    });
    coalescer.poke('drain');
    await wait(99);
    expect(runs).toBe(0);
    await wait(1);
    expect(runs).toBe(1);
    await coalescer.stop();
  });

  it('never overlaps runs: pokes during a run make one more run after it', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const coalescer = new Coalescer(5, 20, async () => {
      running++;
      most = Math.max(most, running);
      runs++;
      await sleep(60);
      running--;
    });
    coalescer.poke('a');
    await wait(20);
    for (let i = 0; i < 5; i++) {
      coalescer.poke(`b${i}`);
      await wait(5);
    }
    await wait(200);
    await coalescer.stop();
    expect(most).toBe(1);
    expect(runs).toBe(2);
  });

  it('keeps running after a job fails, and stop() waits for the run under way', async () => {
    let calls = 0;
    let finished = false;
    const coalescer = new Coalescer(1, 5, async () => {
      calls++;
      if (calls === 1) throw new Error('disk full');
      await sleep(50);
      finished = true;
    });
    coalescer.poke('first');
    await wait(20);
    coalescer.poke('second');
    await wait(10);
    const stopped = coalescer.stop();
    await wait(50);
    await stopped;
    expect(calls).toBe(2);
    expect(finished).toBe(true);
    coalescer.poke('after stop');
    await wait(20);
    expect(calls).toBe(2);
  });

  it('stop() runs the write that was due after the one under way: the last change is what stays in force', async () => {
    const runs: string[][] = [];
    const coalescer = new Coalescer(10, 50, async (reasons) => {
      runs.push([...reasons]);
      await sleep(40);
    });
    coalescer.poke('first');
    await wait(15);
    coalescer.poke('during the run');
    const stopped = coalescer.stop();
    await wait(100);
    await stopped;
    expect(runs).toEqual([['first'], ['during the run']]);
    // A change still waiting out its quiet time is written too, at once.
    const waiting: string[][] = [];
    const second = new Coalescer(1000, 5000, async (reasons) => void waiting.push([...reasons]));
    second.poke('drained');
    await second.stop();
    expect(waiting).toEqual([['drained']]);
  });
});
