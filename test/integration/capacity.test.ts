import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MapProgram, runCli, testbedConfigLines, writeConfig } from '../helpers/cli.js';
import { startFrrTestbed, type FrrTestbed } from '../helpers/frr-testbed.js';
import { startBirdTestbed } from '../helpers/bird-testbed.js';
import { startNginxGeo, type LookupEngine } from '../helpers/lookup-engines.js';
import { dig, startPdns, type Pdns } from '../helpers/pdns.js';
import { X, Y, Z } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * Prefixes with alternates on the real route server: 10.2.0.0/16's best path is through POP Y, and
 * the upstream's longer path crosses POP Z; Network C's 192.168.200.0/22 is reached through POP Y or,
 * one AS hop further, through the upstream (self).
 */
const EXTRA_ROUTES = {
  upstream: [
    ['10.2.0.0/16', '64600 64701 64606'],
    ['192.168.200.0/22', '64600 64601 64602'],
  ],
  popY: [
    ['10.2.0.0/16', '64702 64606'],
    ['192.168.200.0/22', '64702 64602'],
  ],
} as const;

/** 10.2.3.4's answer and ranking: the best path's Y, the upstream path's Z as near the origin, then self. */
const SPREAD_RANKED = {
  answer: Y,
  ranking: [
    { pop: Y, as: 64702, hops: 1 },
    { pop: Z, as: 64701, hops: 1 },
    { pop: X, as: null, hops: 2 },
  ],
};

/** One-shot JSON records for the addresses the arguments end with. */
async function records(args: readonly string[]): Promise<Array<{ answer: string; ranking: unknown }>> {
  const run = await runCli([...args.slice(0, 2), '--format', 'json', ...args.slice(2)]);
  return run.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { answer: string; ranking: unknown });
}

/**
 * With Y drained, a batch map sends 10.2.3.4 to Z (the best path's only POP is Y; the upstream's path
 * reaches Z one hop from the origin) and Network C to self (its other path crosses no POP).
 */
async function expectDrainOfYHandedOver(config: string): Promise<void> {
  const map = new MapProgram(['-c', config, '--batch']);
  try {
    expect((await map.ask('10.2.3.4')).answer).toBe(Z);
    expect((await map.ask('192.168.193.15')).answer).toBe(X);
  } finally {
    await map.end();
    map.kill();
  }
}

const ADDRESSES: Record<string, string> = { [X]: '192.0.2.10', [Y]: '192.0.2.20', [Z]: '192.0.2.30' };

/** A combined-format log with known demand: per /24 of 192.168.200.0/22, requests a second in the busier minute. */
const DEMAND = { '192.168.200': 5, '192.168.201': 3, '192.168.202': 2.5, '192.168.203': 1.5 } as const;

function accessLog(): string {
  const lines: Array<[number, string]> = [];
  const start = Date.parse('2026-12-01T18:00:00Z') / 1000;
  for (const [minute, scale] of [
    [0, 0.5],
    [1, 1],
  ] as const) {
    for (const [net, rate] of Object.entries(DEMAND)) {
      const n = rate * 60 * scale;
      for (let i = 0; i < n; i++) {
        const t = start + minute * 60 + Math.floor((i * 60) / n);
        const stamp = new Date(t * 1000).toUTCString().replace(/^\w+, (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1/$2/$3:$4 +0000');
        lines.push([t, `${net}.${1 + (i % 200)} - - [${stamp}] "GET / HTTP/1.1" 200 5120 "-" "test"`]);
      }
    }
  }
  return `${lines
    .sort((a, b) => a[0] - b[0])
    .map(([, l]) => l)
    .join('\n')}\n`;
}

describe('capacity with BGP on a real bgpd fed by ExaBGP', () => {
  let testbed: FrrTestbed;
  let dir: string;
  let config: string;
  let plan: string;
  let log: string;
  const engines: LookupEngine[] = [];
  let pdns: Pdns | undefined;

  beforeAll(async () => {
    testbed = await startFrrTestbed({ extraRoutes: EXTRA_ROUTES });
    dir = scratchDir('capacity-frr');
    plan = join(dir, 'plan');
    log = join(dir, 'access.log');
    writeFileSync(log, accessLog());
    config = writeConfig(join(dir, 'supersparrow.conf'), [
      ...testbedConfigLines(testbed.vtyPort),
      `capacity ${Y} 10/s`,
      `capacity ${X} 100/s`,
      'demand_window 60',
      `plan_file ${plan}`,
      `drain_file ${join(dir, 'drain')}`,
      'dns_name www.example.net',
      'dns_zone example.net',
      ...Object.entries(ADDRESSES).map(([host, address]) => `address ${host} ${address}`),
    ]);
  }, 60_000);
  afterAll(async () => {
    for (const e of engines) await e.stop();
    await pdns?.stop();
    await testbed?.stop();
  });

  it.each(['zebra', 'frr-json'])('ranks every POP the route server’s paths cross (%s)', async (flavour) => {
    const [spread, networkC] = await records(['-c', config, '--route-server', flavour, '10.2.3.4', '192.168.201.9']);
    expect(spread).toMatchObject(SPREAD_RANKED);
    expect(networkC).toMatchObject({
      answer: Y,
      ranking: [
        { pop: Y, as: 64702, hops: 1 },
        { pop: X, as: null, hops: 2 },
      ],
    });
  });

  it('ranks from every route of a real BIRD’s show route for X all', async () => {
    const bird = await startBirdTestbed({ extraRoutes: EXTRA_ROUTES });
    try {
      const birdConfig = writeConfig(join(dir, 'bird.conf'), [
        'route_server bird',
        `host ${bird.socket}`,
        ...readFileSync(config, 'utf8')
          .split('\n')
          .filter((l) => /^(peer|self) /.test(l)),
      ]);
      const [spread] = await records(['-c', birdConfig, '10.2.3.4']);
      expect(spread).toMatchObject(SPREAD_RANKED);
    } finally {
      await bird.stop();
    }
  }, 60_000);

  it('ranks from every peer’s entry of an MRT dump, and a drain hands over along the ranking in answers and exports', async () => {
    const rib = join(dir, 'ranked.mrt');
    await testbed.dumpMrt(rib);
    const base = [
      'route_server mrt',
      `table ${rib}`,
      ...readFileSync(config, 'utf8')
        .split('\n')
        .filter((l) => /^(peer|self) /.test(l)),
    ];
    const mrt = writeConfig(join(dir, 'ranked.conf'), base);
    const [spread, networkC] = await records(['-c', mrt, '10.2.3.4', '192.168.193.15']);
    expect(spread).toMatchObject(SPREAD_RANKED);
    // Network C's other path crosses no POP: its answer is decided from the best path alone, as before.
    expect(networkC).toMatchObject({ answer: Y, ranking: null });
    writeFileSync(join(dir, 'drain-mrt'), `${Y}\n`);
    const drained = writeConfig(join(dir, 'ranked-drained.conf'), [...base, `drain_file ${join(dir, 'drain-mrt')}`]);
    await expectDrainOfYHandedOver(drained);
    const geo = await runCli(['-c', drained, '--export', 'nginx-geo']);
    expect(geo.stdout.split('\n')).toContain(`10.2.0.0/16 ${Z};`);
  });

  it('hands a drained POP’s clients to the next POP of the ranking, on another path', async () => {
    const drained = writeConfig(join(dir, 'drained.conf'), [
      ...readFileSync(config, 'utf8')
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('drain_file')),
      `drain_file ${join(dir, 'drain-y')}`,
    ]);
    writeFileSync(join(dir, 'drain-y'), `${Y}\n`);
    await expectDrainOfYHandedOver(drained);
  });

  it('plans from real logs, and the plan is applied by a running map, PowerDNS and an nginx export', async () => {
    const map = new MapProgram(['-c', config, '--batch']);
    try {
      expect((await map.ask('192.168.201.9')).answer).toBe(Y);
      const planned = await runCli(['-c', config, '--plan', '--apply', '--format', 'json', log]);
      expect(planned.code).toBe(0);
      const report = JSON.parse(planned.stdout) as { total_demand: number; pops: Array<{ pop: string; before: number; after: number }> };
      expect(report.total_demand).toBe(12);
      expect(report.pops.find((p) => p.pop === Y)).toMatchObject({ before: 12, after: 9 });
      expect(
        readFileSync(plan, 'utf8')
          .split('\n')
          .filter((l) => l !== '' && !l.startsWith('#')),
      ).toEqual([`192.168.201.0/24 ${X}  # from ${Y}`]);
      expect(await map.askUntil('192.168.201.9', X, 1500)).toBeLessThan(1500);
      expect((await map.ask('192.168.200.9')).answer).toBe(Y);
      expect((await map.ask('192.168.203.9')).answer).toBe(Y);
    } finally {
      await map.end();
      map.kill();
    }

    pdns = await startPdns(config);
    const moved = await dig(pdns, 'www.example.net', 'A', '192.168.201.0/24');
    expect(moved.answers[0]?.data).toBe(ADDRESSES[X]);
    expect(moved.scope).toBe(24);
    // Asked twice: the first answer is per address until the route server lists what lies inside the /22.
    await dig(pdns, 'www.example.net', 'A', '192.168.202.7/32');
    const beside = await dig(pdns, 'www.example.net', 'A', '192.168.202.9/32');
    expect(beside.answers[0]?.data).toBe(ADDRESSES[Y]);
    // The /22's answer stops at the plan's /24: the widest around 192.168.202.9 without it is the /23.
    expect(beside.scope).toBe(23);

    const rib = join(dir, 'rib.mrt');
    await testbed.dumpMrt(rib);
    const mrtConfig = writeConfig(join(dir, 'mrt.conf'), [
      'route_server mrt',
      `table ${rib}`,
      ...readFileSync(config, 'utf8')
        .split('\n')
        .filter((l) => /^(peer|self|plan_file) /.test(l)),
    ]);
    const geo = join(dir, 'pop.geo');
    const exported = await runCli(['-c', mrtConfig, '--export', 'nginx-geo', '-o', geo]);
    expect(exported.code).toBe(0);
    // Self's addresses are left to the map's default: the /22 is cut around the planned /24.
    expect(
      readFileSync(geo, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('192.168.20')),
    ).toEqual([`192.168.200.0/24 ${Y};`, `192.168.202.0/23 ${Y};`]);
    const nginx = await startNginxGeo(dir, geo);
    engines.push(nginx);
    expect(await nginx.answer('192.168.201.9')).toBe(X);
    expect(await nginx.answer('192.168.200.9')).toBe(Y);
    expect(await nginx.answer('192.168.203.200')).toBe(Y);
  });
});
