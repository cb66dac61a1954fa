import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { MapProgram, runCli, writeConfig } from '../helpers/cli.js';
import { selfSignedCertificate, startHealthServer, type HealthServer } from '../helpers/health-server.js';
import { X, Y, Z } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';

const TABLE = fileURLToPath(new URL('../../examples/paper-network.table', import.meta.url));
const BASE = ['route_server table', `table ${TABLE}`, `self ${X}`];
const PEERS = `peer 64700=${X},64701=${Z},64702=${Y}`;

const programs: MapProgram[] = [];
afterEach(() => {
  for (const p of programs.splice(0)) p.kill();
});

describe('config reload without a restart (bundled table)', () => {
  it('applies a changed peer and self to new answers at once, keeps the running config when the new one is broken, and still ends on SIGHUP', async () => {
    const dir = scratchDir('reload');
    const file = join(dir, 'supersparrow.conf');
    writeConfig(file, [...BASE, PEERS]);
    const map = new MapProgram(['--config', file, '--batch']);
    programs.push(map);
    expect((await map.ask('192.168.193.15')).answer).toBe(Y);
    expect((await map.ask('203.0.113.9')).answer).toBe(X);
    // Y's AS now answers with another host; self changes too. Cached answers must not survive.
    writeConfig(file, [
      ...BASE.filter((l) => !l.startsWith('self')),
      `peer 64700=${X},64701=${Z},64702=www.y2.example.net`,
      'self www.self.example.net',
    ]);
    expect(await map.askUntil('192.168.193.15', 'www.y2.example.net', 2000)).toBeLessThanOrEqual(2000);
    expect((await map.ask('203.0.113.9')).answer).toBe('www.self.example.net');
    expect(map.stderr).toMatch(/config reloaded: peer, self applied to new answers/);
    // A broken file: named with its line and fix, and the running configuration stays.
    writeFileSync(file, `${[...BASE, 'peer 64702=www.y3.example.net', 'peer banana'].join('\n')}\n`);
    await map.waitForStderr(/config not reloaded/);
    expect((await map.ask('192.168.193.15')).answer).toBe('www.y2.example.net');
    expect(map.stderr).toMatch(new RegExp(`config not reloaded: ${file.replace(/[.]/g, '\\.')}:5: .*; the running configuration stays`));
    // A setting that needs a restart is named, and the rest still applies.
    writeConfig(file, [...BASE, PEERS, 'deadline 500']);
    expect(await map.askUntil('192.168.193.15', Y, 2000)).toBeLessThanOrEqual(2000);
    expect(map.stderr).toMatch(/config changed deadline: these take a restart; still running with the old values/);
    const ended = await map.signal('SIGHUP');
    expect(ended.code).toBe(0);
  }, 20_000);

  it('adds a drain file and a health check named in a reloaded config', async () => {
    const dir = scratchDir('reload-drain');
    const file = join(dir, 'supersparrow.conf');
    const drain = join(dir, 'drain');
    writeFileSync(drain, `${Y}\n`);
    writeConfig(file, [...BASE, PEERS]);
    const map = new MapProgram(['--config', file, '--batch']);
    programs.push(map);
    expect((await map.ask('192.168.193.15')).answer).toBe(Y);
    writeConfig(file, [...BASE, PEERS, `drain_file ${drain}`]);
    expect(await map.askUntil('192.168.193.15', X, 2000)).toBeLessThanOrEqual(2000);
    writeConfig(file, [...BASE, PEERS]);
    expect(await map.askUntil('192.168.193.15', Y, 2000)).toBeLessThanOrEqual(2000);
  }, 15_000);
});

describe('route_server table: a changed table file is loaded again', () => {
  it('answers from the new table within a couple of seconds, and keeps the old one when the new one is broken', async () => {
    const dir = scratchDir('table-reload');
    const table = join(dir, 'routes.table');
    writeFileSync(table, readFileSync(TABLE));
    const file = writeConfig(join(dir, 'supersparrow.conf'), ['route_server table', `table ${table}`, `self ${X}`, PEERS]);
    const map = new MapProgram(['--config', file, '--batch']);
    programs.push(map);
    expect((await map.ask('192.168.193.15')).answer).toBe(Y);
    writeFileSync(table, readFileSync(TABLE, 'utf8').replace('192.168.193.0/24    64702 64602', '192.168.193.0/24    64600 64601 64602'));
    expect(await map.askUntil('192.168.193.15', X, 3000)).toBeLessThanOrEqual(3000);
    expect(map.stderr).toMatch(/route server reloaded: table .*routes\.table: 12 prefixes/);
    writeFileSync(table, 'not a table\n');
    await map.waitForStderr(/route server reload-failed/);
    expect(map.stderr).toMatch(
      /route server reload-failed: .*routes\.table:1: expected "PREFIX AS-PATH".*; still answering from the previous table/,
    );
    expect((await map.ask('192.168.193.15')).answer).toBe(X);
    expect((await map.ask('10.1.2.3')).answer).toBe(Z);
  }, 15_000);
});

describe('route_server table: a large table loaded again while answers go on', () => {
  it('answers every key within the deadline while 400,000 changed routes are read and decided', async () => {
    const dir = scratchDir('table-big');
    const table = join(dir, 'routes.table');
    const rows = (pop: string): string => {
      const lines: string[] = [];
      for (let i = 0; i < 400_000; i++) lines.push(`${10 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.0/24 64600 ${pop} 6${i % 1000}`);
      return `${lines.join('\n')}\n`;
    };
    writeFileSync(table, rows('64702'));
    const file = writeConfig(join(dir, 'supersparrow.conf'), ['route_server table', `table ${table}`, `self ${X}`, PEERS]);
    const map = new MapProgram(['--config', file, '--batch']);
    programs.push(map);
    expect((await map.ask('10.1.2.3', 20_000)).answer).toBe(Y);
    writeFileSync(`${table}.new`, rows('64701'));
    renameSync(`${table}.new`, table);
    const slowest: number[] = [];
    let i = 0;
    for (const started = Date.now(); Date.now() - started < 15_000; i++) {
      const { answer, ms } = await map.ask(`10.${i % 6}.${i % 250}.1`);
      slowest.push(ms);
      if (answer === Z) break;
    }
    expect(map.stderr).toMatch(/route server reloaded: table .*routes\.table: 400000 prefixes/);
    // The default deadline is 250 ms: no answer waited on the reload.
    expect(Math.max(...slowest)).toBeLessThan(250);
    expect(slowest.length).toBeGreaterThan(5);
  }, 60_000);
});

describe('export from the bundled text table', () => {
  it('writes the merged blocks with their answers, self left to the default', async () => {
    const { code, stdout } = await runCli([
      '--config',
      fileURLToPath(new URL('../../examples/supersparrow.conf', import.meta.url)),
      '--export',
      'haproxy-map',
    ]);
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toEqual([
      `10.1.0.0/16 ${Z}`,
      `172.16.0.0/12 ${Y}`,
      `192.168.193.0/24 ${Y}`,
      `198.51.100.0/24 ${Y}`,
      `2001:db8:193::/48 ${Y}`,
    ]);
    const bad = await runCli(['--config', fileURLToPath(new URL('../../examples/supersparrow.conf', import.meta.url)), '--export', 'bind']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are nginx-geo, haproxy-map, gdnsd-nets, csv, mmdb/);
  });
});

describe('health probes: HTTPS, timeouts, and the checks the config names', () => {
  let plain: HealthServer;
  let tls: HealthServer;
  let dir: string;
  beforeAll(async () => {
    dir = scratchDir('health');
    plain = await startHealthServer();
    tls = await startHealthServer(selfSignedCertificate(dir));
  });
  afterAll(async () => {
    await plain?.stop();
    await tls?.stop();
  });

  async function status(
    lines: readonly string[],
  ): Promise<{ code: number | null; health: { url: string; record: { up: boolean; detail: string } }[] }> {
    // The JSON's health entries carry a state word; `record` reads them as the checks keep them.
    const file = writeConfig(join(dir, `status-${Math.random().toString(36).slice(2)}.conf`), [
      ...BASE,
      PEERS,
      `health_state_dir ${join(dir, `state-${Math.random().toString(36).slice(2)}`)}`,
      'health_fall 1',
      ...lines,
    ]);
    const { code, stdout, stderr } = await runCli(['--config', file, '--status', '--format', 'json']);
    if (stdout === '') throw new Error(stderr);
    const json = JSON.parse(stdout) as { health: { url: string; state: string; detail: string }[] };
    return { code, health: json.health.map((h) => ({ url: h.url, record: { up: h.state === 'passing', detail: h.detail } })) };
  }

  it('checks certificates unless told not to, and says why a self-signed one fails', async () => {
    const verified = await status([`health ${Y} ${tls.url}`]);
    expect(verified.health[0]!.record).toMatchObject({
      up: false,
      detail: expect.stringMatching(/^TLS: self-signed certificate \(health_tls_verify off accepts it\)$/),
    });
    expect(verified.code).toBe(1);
    const unverified = await status([`health ${Y} ${tls.url}`, 'health_tls_verify off']);
    expect(unverified.health[0]!.record).toMatchObject({ up: true, detail: 'HTTP 200' });
    expect(unverified.code).toBe(0);
  });

  it('fails a probe with no answer by health_timeout, and a refused connection at once', async () => {
    plain.hang = true;
    try {
      const hung = await status([`health ${Y} ${plain.url}`, 'health_timeout 0.3']);
      expect(hung.health[0]!.record).toMatchObject({ up: false, detail: 'timed out after 300 ms' });
    } finally {
      plain.hang = false;
    }
    const closed = await startHealthServer();
    const url = closed.url;
    await closed.stop();
    const refused = await status([`health ${Y} ${url}`]);
    expect(refused.health[0]!.record).toMatchObject({ up: false, detail: 'connection refused' });
    const fine = await status([`health ${Y} ${plain.url}`]);
    expect(fine.health[0]!.record).toMatchObject({ up: true, detail: 'HTTP 200' });
  });

  it('probes as often as health_fall needs, so a 404 is failing, and speaks JSON and Prometheus', async () => {
    plain.status = 404;
    try {
      const before = plain.requests;
      const file = writeConfig(join(dir, 'fall.conf'), [
        ...BASE,
        PEERS,
        `health_state_dir ${join(dir, 'state-fall')}`,
        `health ${Y} ${plain.url}`,
        'health_interval 1',
      ]);
      const json = await runCli(['--config', file, '--status', '--format', 'json']);
      expect(json.code).toBe(1);
      // The default health_fall is 3: three failures, as a running map would need to take the POP out.
      expect(plain.requests - before).toBeGreaterThanOrEqual(3);
      const parsed = JSON.parse(json.stdout) as { pops: { pop: string; state: string }[]; health: { state: string; detail: string }[] };
      expect(parsed.pops.find((p) => p.pop === Y)?.state).toBe('unhealthy');
      expect(parsed.health[0]).toMatchObject({ state: 'failing', detail: 'HTTP 404' });
      const prom = await runCli(['--config', file, '--status', '--format', 'prometheus']);
      expect(prom.code).toBe(1);
      expect(prom.stdout).toContain(`supersparrow_pop_up{pop="${Y}",as="64702"} 0\n`);
      expect(prom.stdout).toContain(`supersparrow_pop_state{pop="${Y}",as="64702",state="unhealthy"} 1\n`);
      expect(prom.stdout).toContain(`supersparrow_health_check_up{pop="${Y}",url="${plain.url}"} 0\n`);
      expect(prom.stdout).toMatch(/^# TYPE supersparrow_pop_up gauge$/m);
      // A second look within the interval reads the shared result: the POP stays out until health_rise passes.
      plain.status = 200;
      const shared = await runCli(['--config', file, '--status', '--format', 'json']);
      expect(JSON.parse(shared.stdout).pops.find((p: { pop: string }) => p.pop === Y).state).toBe('unhealthy');
      expect(shared.code).toBe(1);
    } finally {
      plain.status = 200;
    }
  });

  it('keeps format prometheus to --status', async () => {
    const file = writeConfig(join(dir, 'prom.conf'), [...BASE, PEERS]);
    const batch = await runCli(['--config', file, '--batch', '--format', 'prometheus'], '192.0.2.1\n');
    expect(batch.code).toBe(2);
    expect(batch.stderr).toMatch(/format prometheus is for --status; a running map writes its counters to metrics_dir/);
  });

  it('refuses a health line for no POP, or without an http(s) URL, naming the file and line', async () => {
    const file = writeConfig(join(dir, 'bad.conf'), [...BASE, PEERS, `health www.nowhere.example.net ${plain.url}`]);
    const bad = await runCli(['--config', file, '--status']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${file}:5: "health www.nowhere.example.net" names no POP`);
    const ftp = writeConfig(join(dir, 'ftp.conf'), [...BASE, PEERS, `health ${Y} ftp://127.0.0.1/health`]);
    expect((await runCli(['--config', ftp, '--status'])).stderr).toContain(`${ftp}:5: "health" probes by HTTP or HTTPS only`);
  });
});

describe('--status with the route server down', () => {
  it('says the route server is down, not that sessions are not watched, and exits 1', async () => {
    const { createServer } = await import('node:net');
    // A port just freed: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as { port: number };
        probe.close(() => resolve(p));
      });
    });
    const file = writeConfig(join(scratchDir('status-down'), 'down.conf'), [
      'route_server zebra',
      'host 127.0.0.1',
      `port ${port}`,
      'password x',
      `peer 64702=${Y}`,
      `self ${X}`,
    ]);
    const { code, stdout } = await runCli(['--config', file, '--status']);
    expect(stdout).toMatch(new RegExp(`^route server zebra 127\\.0\\.0\\.1:${port}: down$`, 'm'));
    expect(stdout).toMatch(/^BGP sessions unknown: the route server is down/m);
    expect(stdout).not.toMatch(/not watched/);
    expect(code).toBe(1);
  });
});
