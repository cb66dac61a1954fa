import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MapProgram, runCli, testbedConfigLines, writeConfig } from '../helpers/cli.js';
import { startFrrTestbed, type FrrTestbed } from '../helpers/frr-testbed.js';
import { startHealthServer, type HealthServer } from '../helpers/health-server.js';
import { X, Y } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';

describe('failover on real bgpd + ExaBGP: health checks, drains and the status view', () => {
  let testbed: FrrTestbed;
  let health: HealthServer;
  const programs: MapProgram[] = [];
  let dir: string;

  beforeAll(async () => {
    testbed = await startFrrTestbed();
    health = await startHealthServer();
    dir = scratchDir('failover');
  }, 60_000);
  afterAll(async () => {
    for (const p of programs) p.kill();
    await health?.stop();
    await testbed?.stop();
  });

  function map(name: string, lines: readonly string[]): MapProgram {
    const config = writeConfig(join(dir, `${name}.conf`), [...testbedConfigLines(testbed.vtyPort), 'batch', ...lines]);
    const p = new MapProgram(['--config', config]);
    programs.push(p);
    return p;
  }

  it('takes POP Y out within 2 s of its health URL turning 503, cached answers included, and back within 2 s of 200', async () => {
    health.status = 200;
    const m = map('health', [`health ${Y} ${health.url}`, `health_state_dir ${join(dir, 'state-health')}`]);
    expect(await m.askUntil('192.168.193.15', Y, 3000)).toBeLessThan(3000);
    expect((await m.ask('172.16.5.5')).answer).toBe(Y);
    health.status = 503;
    expect(await m.askUntil('192.168.193.15', X, 2000)).toBeLessThanOrEqual(2000);
    // 172.16/12's path runs through the upstream with Y on it: Y is walked past.
    expect((await m.ask('172.16.5.5')).answer).toBe(X);
    expect(m.stderr).toMatch(/health check http:\/\/127\.0\.0\.1:\d+\/health for www\.y\.example\.net failing: HTTP 503/);
    expect(m.stderr).toMatch(/POP AS64702 \(www\.y\.example\.net\) down: health check \S+ failing \(HTTP 503\); it takes no new clients/);
    health.status = 200;
    expect(await m.askUntil('192.168.193.15', Y, 2000)).toBeLessThanOrEqual(2000);
    expect((await m.ask('172.16.5.5')).answer).toBe(Y);
    expect(m.stderr).toMatch(/POP AS64702 \(www\.y\.example\.net\) up again after [\d.]+ m?s/);
    expect((await m.end()).code).toBe(0);
  }, 30_000);

  it('names the skipped POP and why in the --format records', async () => {
    health.status = 503;
    try {
      const m = map('records', [`health ${Y} ${health.url}`, `health_state_dir ${join(dir, 'state-records')}`, 'format json']);
      // Y's own session carries the best path (64702 64602): with Y out, the ranking's next is self.
      const record = (await m.ask('192.168.193.15')).answer;
      await m.waitForStderr(/POP AS64702 \(www\.y\.example\.net\) down/);
      expect(JSON.parse((await m.ask('192.168.193.15')).answer)).toEqual({
        key: '192.168.193.15',
        answer: X,
        reason: 'no-peer',
        prefix: '192.168.193.0/24',
        as_path: '64702 64602',
        skipped: [{ as: 64702, pop: Y, why: `health check ${health.url} failing (HTTP 503)` }],
        ranking: [
          { pop: Y, as: 64702, hops: 1 },
          { pop: X, as: null, hops: 2 },
        ],
        plan: null,
      });
      expect(JSON.parse(record)).toMatchObject({ answer: Y, skipped: [] });
    } finally {
      health.status = 200;
    }
  }, 15_000);

  it('takes a drained POP out and back within 2 s on real bgpd', async () => {
    const drain = join(dir, 'drain');
    writeFileSync(drain, '');
    const m = map('drain', [`drain_file ${drain}`]);
    expect((await m.ask('192.168.193.15')).answer).toBe(Y);
    writeFileSync(drain, 'AS64702  # maintenance\n');
    expect(await m.askUntil('192.168.193.15', X, 2000)).toBeLessThanOrEqual(2000);
    writeFileSync(drain, '');
    expect(await m.askUntil('192.168.193.15', Y, 2000)).toBeLessThanOrEqual(2000);
  }, 15_000);

  it('probes each URL about once per interval however many processes watch it, when they share a state folder', async () => {
    const counted = await startHealthServer();
    try {
      const run = async (shared: boolean): Promise<number> => {
        const before = counted.requests;
        const maps = [0, 1, 2].map((i) =>
          map(`probes-${shared}-${i}`, [
            `health ${Y} ${counted.url}`,
            `health_state_dir ${join(dir, shared ? 'state-shared' : `state-own-${i}`)}`,
          ]),
        );
        await Promise.all(maps.map((m) => m.ask('192.168.193.15')));
        await new Promise((r) => setTimeout(r, 3000));
        await Promise.all(maps.map((m) => m.end()));
        return counted.requests - before;
      };
      const shared = await run(true);
      const alone = await run(false);
      // 3 s at one probe a second: about 4 probes shared (the first at start), about 12 alone.
      expect(shared).toBeGreaterThanOrEqual(3);
      expect(shared).toBeLessThanOrEqual(6);
      expect(alone).toBeGreaterThanOrEqual(2 * shared);
    } finally {
      await counted.stop();
    }
  }, 30_000);

  it('--status shows the POPs, why one is out, and the sessions; exit status 1 while one is out', async () => {
    const config = writeConfig(join(dir, 'status.conf'), [
      ...testbedConfigLines(testbed.vtyPort),
      `health ${Y} ${health.url}`,
      `health_state_dir ${join(dir, 'state-status')}`,
    ]);
    const up = await runCli(['--config', config, '--status']);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/^POP\s+AS\s+state\s+since\s+why$/m);
    expect(up.stdout).toMatch(/^www\.y\.example\.net\s+AS64702\s+up\b/m);
    expect(up.stdout).toMatch(/^127\.0\.0\.3\s+AS64702\s+Established\s+\S+\s+www\.y\.example\.net$/m);
    expect(up.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/health\s+www\.y\.example\.net\s+passing\s+.*HTTP 200$/m);
    testbed.shutNeighbor('127.0.0.3', true);
    try {
      const down = await runCli(['--config', config, '--status']);
      expect(down.code).toBe(1);
      expect(down.stdout).toMatch(/^www\.y\.example\.net\s+AS64702\s+down\s+\S+\s+its BGP sessions are down$/m);
      expect(down.stdout).toMatch(/^127\.0\.0\.3\s+AS64702\s+Idle\b/m);
      const json = JSON.parse((await runCli(['--config', config, '--status', '--format', 'json'])).stdout) as {
        pops: { as: number; state: string; causes: string[]; why: string | null }[];
        route_server: { available: boolean };
      };
      expect(json.route_server.available).toBe(true);
      expect(json.pops.find((p) => p.as === 64702)).toMatchObject({
        state: 'down',
        causes: ['sessions'],
        why: 'its BGP sessions are down',
      });
    } finally {
      testbed.shutNeighbor('127.0.0.3', false);
    }
    await testbed.waitEstablished('127.0.0.3', 30_000);
  }, 60_000);
});
