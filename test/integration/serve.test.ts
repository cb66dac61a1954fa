import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MapProgram, PEERS, runCli, writeConfig } from '../helpers/cli.js';
import { startFrrTestbed, type FrrTestbed } from '../helpers/frr-testbed.js';
import { waitFor } from '../helpers/wait.js';
import { get } from '../helpers/apache.js';
import { NGINX, startGdnsd, startHaproxyMap, startNginxGeo, type LookupEngine } from '../helpers/lookup-engines.js';
import { ROUTE_CASES, X, Y, Z } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';
import { fileURLToPath } from 'node:url';
import { randomMrtTable } from '../helpers/random-table.js';
import { haproxyCommand } from '../../src/engines/haproxy-runtime.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

/** Addresses over every route case and around them. */
const PROBES = [
  ...ROUTE_CASES.map(([address]) => address),
  '192.168.193.200',
  '172.16.200.1',
  '10.1.255.255',
  '10.0.0.1',
  '198.51.100.255',
  '8.8.8.8',
  '2001:db8:193::ffff',
];

/** The number of times `pattern` is in `text`. */
const count = (text: string, pattern: RegExp): number => text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;

describe('--serve keeps every export current (real bgpd dump, real HAProxy runtime API, nginx, gdnsd)', () => {
  let testbed: FrrTestbed;
  let dir: string;
  let config: string;
  let serve: MapProgram | undefined;
  const engines: LookupEngine[] = [];
  const files = (d: string) => ({
    map: join(d, 'pop.map'),
    geo: join(d, 'pop.geo'),
    nets: join(d, 'pop.nets'),
    mmdb: join(d, 'pop.mmdb'),
    csv: join(d, 'pop.csv'),
    socket: join(d, 'haproxy.sock'),
    drain: join(d, 'drain'),
    table: join(d, 'rib.mrt'),
  });
  let f: ReturnType<typeof files>;
  let haproxy: LookupEngine;
  let nginx: LookupEngine;

  /** What one-shot answers for the probes, with the drain file as it is now. */
  async function oneShot(addresses: readonly string[] = PROBES): Promise<string[]> {
    const once = await runCli(['--config', config, ...addresses]);
    const lines = once.stdout.split('\n').slice(0, -1);
    expect(lines).toHaveLength(addresses.length);
    return lines;
  }

  async function answersOf(engine: LookupEngine, addresses: readonly string[] = PROBES): Promise<string[]> {
    const out: string[] = [];
    for (const a of addresses) out.push(await engine.answer(a));
    return out;
  }

  beforeAll(async () => {
    testbed = await startFrrTestbed();
    dir = scratchDir('serve');
    f = files(dir);
    // Kept aside, to be put back after a test replaces the table.
    await testbed.dumpMrt(join(dir, 'testbed.mrt'));
    copyFileSync(join(dir, 'testbed.mrt'), f.table);
    writeFileSync(f.drain, '');
    const nginxCommand = `${NGINX} -c ${join(dir, 'nginx.conf')} -p ${dir} -e ${join(dir, 'nginx-error.log')}`;
    // The guide's paths, here; the nginx it reloads is this test's.
    const here = (text: string): string =>
      text
        .replaceAll('/usr/bin/node', process.execPath)
        .replaceAll('/usr/lib/node_modules/supersparrow', ROOT)
        .replaceAll('/etc/supersparrow.conf', join(dir, 'supersparrow.conf'))
        .replaceAll('/etc/haproxy/supersparrow-pop.map', f.map)
        .replaceAll('/run/haproxy/admin.sock', f.socket)
        .replaceAll('/etc/nginx/supersparrow-pop.conf', f.geo)
        .replaceAll('/etc/gdnsd/geoip/supersparrow-pop.nets', f.nets)
        .replaceAll(/\bnginx (-[ts])/g, `${nginxCommand} $1`);
    const shipped = here(readFileSync(join(ROOT, 'export/supersparrow-serve.conf'), 'utf8'))
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(shipped.map((l) => l.split(' ', 2).join(' '))).toEqual([
      `export haproxy-map`,
      `haproxy_socket ${f.socket}`,
      `export nginx-geo`,
      `export gdnsd-nets`,
    ]);
    config = writeConfig(join(dir, 'supersparrow.conf'), [
      'route_server mrt',
      `table ${f.table}`,
      PEERS,
      `self ${X}`,
      `drain_file ${f.drain}`,
      ...shipped,
      // Beyond the guide's engines: every other format.
      `export mmdb ${f.mmdb}`,
      `export csv ${f.csv}`,
    ]);
    // The guide's first writes, as written (its last line installs the unit, run below as systemd would).
    const guide = readFileSync(join(ROOT, 'export/README.md'), 'utf8');
    const block = /## Kept current[\s\S]*?```sh\n([\s\S]*?)```/.exec(guide)![1]!.trim().split('\n');
    expect(block).toHaveLength(3);
    expect(block[2]).toMatch(/^cp supersparrow-serve\.service \/etc\/systemd\/system\/ && systemctl enable --now supersparrow-serve$/);
    execFileSync('bash', ['-c', here(block.slice(0, 2).join('\n'))], {
      env: { PATH: `${join(ROOT, 'bin')}:${process.env.PATH}` },
      stdio: 'pipe',
    });
    expect(readFileSync(f.geo, 'utf8')).toMatch(/^default www\.x\.example\.net;$/m);
    // HAProxy starts from a map that answers nothing: what it answers later came through its runtime API.
    writeFileSync(f.map, '');
    haproxy = await startHaproxyMap(dir, f.map, X, f.socket);
    engines.push(haproxy);
    nginx = await startNginxGeo(dir, f.geo, { master: true });
    engines.push(nginx);
    // The unit's command line, as systemd runs it.
    const execStart = /^ExecStart=(.*)$/m.exec(readFileSync(join(ROOT, 'export/supersparrow-serve.service'), 'utf8'))![1]!;
    const [node, script, ...args] = here(execStart).split(' ');
    expect([node, script]).toEqual([process.execPath, join(ROOT, 'dist/supersparrow.cjs')]);
    serve = new MapProgram(args, { env: { PATH: process.env.PATH }, script });
    await waitFor('--serve to write every file and push the map', async () => /replaced live/.test(serve!.stderr), 15_000);
    await waitFor('the nginx reload', async () => /ran "/.test(serve!.stderr), 10_000);
  }, 90_000);

  afterAll(async () => {
    if (serve) writeFileSync(join(dir, 'serve.stderr'), serve.stderr);
    serve?.kill();
    for (const e of engines) await e.stop();
    await testbed?.stop();
  });

  it('writes every export at start, each as --export writes it; HAProxy answers from the map it was given live', async () => {
    for (const [format, file] of [
      ['haproxy-map', f.map],
      ['nginx-geo', f.geo],
      ['gdnsd-nets', f.nets],
      ['csv', f.csv],
    ] as const) {
      const exported = await runCli(['--config', config, '--export', format]);
      expect(readFileSync(file, 'utf8').replace(/^# generated .*\n/m, '')).toBe(exported.stdout.replace(/^# generated .*\n/m, ''));
    }
    const expected = await oneShot();
    expect(await answersOf(haproxy)).toEqual(expected);
    await waitFor('nginx to answer as one-shot', async () => (await answersOf(nginx)).join() === expected.join(), 10_000, 100);
    // HAProxy's own count of entries: the map it holds is the file, though it started with none.
    const entries = readFileSync(f.map, 'utf8')
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#')).length;
    expect(await haproxyCommand(f.socket, 'show map')).toMatch(new RegExp(`\\(${f.map}\\).*entry_cnt=${entries}\\b`));
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 30_000);

  it('has --check find every file replaceable and HAProxy holding the map', async () => {
    const check = await runCli(['--config', config, '--check']);
    expect(check.stdout).toMatch(new RegExp(`ok +HAProxy map +${f.map.replaceAll('.', '\\.')} is replaced live through`));
    expect(check.stdout.match(/^ok +export [a-z-]+ +\//gm)).toHaveLength(5);
    // The route server line is a dump here: it answers the probe address from the table.
    expect(check.stdout).toMatch(/^configuration OK$/m);
  }, 30_000);

  it('a drain reaches HAProxy (live), nginx (its reload command) and gdnsd (its nets file); lifting it brings them back', async () => {
    const gdnsdDir = scratchDir('serve-gdnsd');
    const gdnsd = await startGdnsd(gdnsdDir, f.nets, [X, Y, Z, 'www.far.example.net']);
    engines.push(gdnsd);
    expect(await haproxy.answer('192.168.193.15')).toBe(Y);
    const writes = count(serve!.stderr, /HAProxy: map .* replaced live/);
    writeFileSync(f.drain, `${Y}\n`);
    await waitFor('HAProxy to stop answering Y', async () => (await haproxy.answer('192.168.193.15')) !== Y, 5000, 20);
    const drained = await oneShot();
    expect(drained).not.toContain(Y);
    expect(await answersOf(haproxy)).toEqual(drained);
    // nginx's old workers answer a moment longer after a graceful reload: every answer new, then.
    await waitFor('nginx to follow', async () => (await answersOf(nginx)).join() === drained.join(), 10_000, 100);
    // gdnsd reads a changed nets file after its own 5 s and 7 s of quiet: about 12 s.
    await waitFor('gdnsd to follow', async () => (await gdnsd.answer('192.168.193.15')) !== Y, 30_000, 250);
    expect(await answersOf(gdnsd)).toEqual(drained);
    // One change, one push: the drain and the POP it took out were written together.
    expect(count(serve!.stderr, /HAProxy: map .* replaced live/)).toBe(writes + 1);
    writeFileSync(f.drain, '');
    await waitFor('HAProxy to answer Y again', async () => (await haproxy.answer('192.168.193.15')) === Y, 5000, 20);
    const back = await oneShot();
    expect(await answersOf(haproxy)).toEqual(back);
    await waitFor('gdnsd to answer Y again', async () => (await gdnsd.answer('192.168.193.15')) === Y, 30_000, 250);
  }, 90_000);

  it('100 live replacements under a steady client loop: no request fails, and HAProxy is the same process', async () => {
    const pidBefore = /Pid: (\d+)/.exec(await haproxyCommand(f.socket, 'show info'))?.[1];
    expect(pidBefore).toBe(String(haproxy.pid));
    let requests = 0;
    const failures: string[] = [];
    let looping = true;
    const loop = (async () => {
      // Bounded: stops when the replacements are done, or after 120 s.
      const until = Date.now() + 120_000;
      while (looping && Date.now() < until) {
        requests++;
        try {
          const r = await get(haproxy.port, '/?ip=192.168.193.15');
          const body = r.body.trim();
          if (r.status !== 200 || (body !== Y && body !== X)) failures.push(`${r.status} ${r.body}`);
        } catch (e) {
          failures.push(String(e));
        }
      }
    })();
    const before = count(serve!.stderr, /HAProxy: map .* replaced live/);
    for (let i = 1; i <= 100; i++) {
      // Every other replacement drains Y, so that the map really changes each time.
      writeFileSync(f.drain, i % 2 === 1 ? `${Y}\n` : '');
      serve!.child.kill('SIGHUP');
      await waitFor(`replacement ${i}`, async () => count(serve!.stderr, /HAProxy: map .* replaced live/) >= before + i, 10_000, 5);
    }
    looping = false;
    await loop;
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(100);
    expect(/Pid: (\d+)/.exec(await haproxyCommand(f.socket, 'show info'))?.[1]).toBe(pidBefore);
    writeFileSync(f.drain, '');
    await waitFor('HAProxy to answer Y again', async () => (await haproxy.answer('192.168.193.15')) === Y, 5000, 20);
  }, 180_000);

  it('a new dump is written once it has settled: a 100k-prefix table replaces HAProxy’s map live, exactly', async () => {
    const { dump, probe } = randomMrtTable(100_000, 77);
    const pushes = count(serve!.stderr, /HAProxy: map .* replaced live/);
    writeFileSync(`${f.table}.new`, dump);
    renameSync(`${f.table}.new`, f.table);
    await waitFor('the new table to be pushed', async () => count(serve!.stderr, /HAProxy: map .* replaced live/) > pushes, 30_000);
    const probes = Array.from({ length: 300 }, probe);
    expect(await answersOf(haproxy, probes)).toEqual(await oneShot(probes));
    const entries = readFileSync(f.map, 'utf8')
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#')).length;
    expect(entries).toBeGreaterThan(50_000);
    expect(await haproxyCommand(f.socket, 'show map')).toMatch(new RegExp(`\\(${f.map}\\).*entry_cnt=${entries}\\b`));
    copyFileSync(join(dir, 'testbed.mrt'), `${f.table}.new`);
    renameSync(`${f.table}.new`, f.table);
    await waitFor('the testbed table back', async () => (await haproxy.answer('192.168.193.15')) === Y, 30_000);
  }, 120_000);

  it('HAProxy away: the file is still written, and the map pushed once HAProxy is back', async () => {
    await haproxy.stop();
    engines.splice(engines.indexOf(haproxy), 1);
    writeFileSync(f.drain, `${Y}\n`);
    await waitFor('the failed push to be told', async () => /not replaced live \(its file is\)/.test(serve!.stderr), 10_000);
    expect(readFileSync(f.map, 'utf8')).not.toMatch(new RegExp(` ${Y.replaceAll('.', '\\.')}$`, 'm'));
    // Started again from the file as written, HAProxy answers the drain; the retried push reaches it too.
    haproxy = await startHaproxyMap(dir, f.map, X, f.socket);
    engines.push(haproxy);
    expect(await haproxy.answer('192.168.193.15')).not.toBe(Y);
    const pushes = count(serve!.stderr, /HAProxy: map .* replaced live/);
    await waitFor('the retried push', async () => count(serve!.stderr, /HAProxy: map .* replaced live/) > pushes, 40_000);
    writeFileSync(f.drain, '');
    await waitFor('HAProxy to answer Y again', async () => (await haproxy.answer('192.168.193.15')) === Y, 5000, 20);
  }, 90_000);

  it('ends on SIGTERM with status 0, leaving no file half-written', async () => {
    const end = await serve!.signal('SIGTERM', 5000);
    expect(end.code).toBe(0);
    expect(serve!.stderr).toMatch(/SIGTERM: stopped/);
    expect(serve!.stdout).toBe('');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(f.mmdb)).toBe(true);
    execFileSync('mmdblookup', ['--file', f.mmdb, '--ip', '192.168.193.15', 'pop'], { encoding: 'utf8' });
  }, 15_000);
});
