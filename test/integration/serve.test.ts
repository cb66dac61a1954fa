import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MapProgram, PEERS, runCli, writeConfig } from '../helpers/cli.js';
import { startFrrTestbed, type FrrTestbed } from '../helpers/frr-testbed.js';
import { waitFor } from '../helpers/wait.js';
import { get } from '../helpers/apache.js';
import { NGINX, startGdnsd, startHaproxyClasses, startNginxClasses, type LookupEngine } from '../helpers/lookup-engines.js';
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

describe('--serve keeps every export current, the table and the state apart (real bgpd dump, real HAProxy runtime API, nginx, gdnsd)', () => {
  let testbed: FrrTestbed;
  let dir: string;
  let config: string;
  let serve: MapProgram | undefined;
  const engines: LookupEngine[] = [];
  const files = (d: string) => ({
    map: join(d, 'class.map'),
    mapAnswers: join(d, 'class.answers.map'),
    mapPlan: join(d, 'class.plan.map'),
    geo: join(d, 'class.conf'),
    geoAnswers: join(d, 'class.answers.conf'),
    geoPlan: join(d, 'class.plan.conf'),
    plan: join(d, 'plan'),
    nets: join(d, 'class.nets'),
    gdnsd: join(d, 'gdnsd'),
    adminState: join(d, 'gdnsd', 'state', 'admin_state'),
    mmdb: join(d, 'pop.mmdb'),
    csv: join(d, 'pop.csv'),
    socket: join(d, 'haproxy.sock'),
    drain: join(d, 'drain'),
    table: join(d, 'rib.mrt'),
  });
  let f: ReturnType<typeof files>;
  let haproxy: LookupEngine;
  let nginx: LookupEngine;

  const haproxyFiles = () => ({ classes: f.map, plan: f.mapPlan, answers: f.mapAnswers });

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
    writeFileSync(f.plan, '');
    mkdirSync(join(f.gdnsd, 'state'), { recursive: true });
    // The operator's own override, which supersparrow's block must leave alone.
    writeFileSync(f.adminState, '"geoip/*/www.retired.example.net" => DOWN\n');
    const nginxCommand = `${NGINX} -c ${join(dir, 'nginx.conf')} -p ${dir} -e ${join(dir, 'nginx-error.log')}`;
    // The guide's paths, here; the nginx it reloads is this test's.
    const here = (text: string): string =>
      text
        .replaceAll('/usr/bin/node', process.execPath)
        .replaceAll('/usr/lib/node_modules/supersparrow', ROOT)
        .replaceAll('/etc/supersparrow.conf', join(dir, 'supersparrow.conf'))
        .replaceAll('/etc/haproxy/supersparrow-class.map', f.map)
        .replaceAll('/run/haproxy/admin.sock', f.socket)
        .replaceAll('/etc/nginx/supersparrow-class.conf', f.geo)
        .replaceAll('/etc/gdnsd/geoip/supersparrow-class.nets', f.nets)
        .replaceAll('/var/lib/gdnsd/admin_state', f.adminState)
        .replaceAll(/\bnginx (-[ts])/g, `${nginxCommand} $1`);
    const shipped = here(readFileSync(join(ROOT, 'export/supersparrow-serve.conf'), 'utf8'))
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(shipped.map((l) => l.split(' ', 2).join(' '))).toEqual([
      `export haproxy-classes`,
      `haproxy_socket ${f.socket}`,
      `export nginx-classes`,
      `export gdnsd-classes`,
      `gdnsd_admin_state ${f.adminState}`,
    ]);
    config = writeConfig(join(dir, 'supersparrow.conf'), [
      'route_server mrt',
      `table ${f.table}`,
      PEERS,
      `self ${X}`,
      `drain_file ${f.drain}`,
      `plan_file ${f.plan}`,
      ...shipped,
      // Beyond the guide's engines: every other format.
      `export mmdb ${f.mmdb}`,
      `export csv ${f.csv}`,
    ]);
    // The guide's first writes, as written (its last line installs the unit, run below as systemd would).
    const guide = readFileSync(join(ROOT, 'export/README.md'), 'utf8');
    const block = /## Kept current[\s\S]*?```sh\n([\s\S]*?)```/.exec(guide)![1]!.trim().split('\n');
    expect(block).toHaveLength(4);
    expect(block[3]).toMatch(/^cp supersparrow-serve\.service \/etc\/systemd\/system\/ && systemctl enable --now supersparrow-serve$/);
    execFileSync('bash', ['-c', here(block.slice(0, 3).join('\n'))], {
      env: { PATH: `${join(ROOT, 'bin')}:${process.env.PATH}` },
      stdio: 'pipe',
    });
    expect(readFileSync(f.geoAnswers, 'utf8')).toMatch(/^default www\.x\.example\.net;$/m);
    // HAProxy starts from maps that answer nothing: what it answers later came through its runtime API.
    for (const file of [f.map, f.mapPlan, f.mapAnswers]) writeFileSync(file, '');
    haproxy = await startHaproxyClasses(dir, haproxyFiles(), X, f.socket);
    engines.push(haproxy);
    nginx = await startNginxClasses(dir, { classes: f.geo, plan: f.geoPlan, answers: f.geoAnswers }, { master: true });
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

  it('writes every export at start, each as --export writes it; HAProxy answers from the maps it was given live', async () => {
    const unstamped = (file: string): string => readFileSync(file, 'utf8').replace(/^# generated .*\n/m, '');
    const oneOff = scratchDir('serve-one-off');
    for (const [format, file, answers] of [
      ['haproxy-classes', f.map, f.mapAnswers],
      ['nginx-classes', f.geo, f.geoAnswers],
      ['gdnsd-classes', f.nets, f.adminState],
    ] as const) {
      const exported = join(oneOff, format);
      await runCli(['--config', config, '--export', format, '-o', exported]);
      const exportedAnswers = format === 'gdnsd-classes' ? f.adminState : exported.replace(/$/, '.answers');
      expect(unstamped(file).replaceAll(answers, exportedAnswers)).toBe(unstamped(exported));
      if (format !== 'gdnsd-classes') expect(unstamped(answers)).toBe(unstamped(exportedAnswers));
      if (format !== 'gdnsd-classes') expect(unstamped(answers.replace('.answers', '.plan'))).toBe(unstamped(`${exported}.plan`));
    }
    // The operator's own line in admin_state is kept; no POP is out.
    expect(readFileSync(f.adminState, 'utf8')).toMatch(
      /^"geoip\/\*\/www\.retired\.example\.net" => DOWN\n# supersparrow begin.*\n# supersparrow end\n$/,
    );
    const csv = await runCli(['--config', config, '--export', 'csv']);
    expect(unstamped(f.csv)).toBe(csv.stdout.replace(/^# generated .*\n/m, ''));
    const expected = await oneShot();
    expect(await answersOf(haproxy)).toEqual(expected);
    await waitFor('nginx to answer as one-shot', async () => (await answersOf(nginx)).join() === expected.join(), 10_000, 100);
    // HAProxy's own count of entries: the maps it holds are the files, though it started with none.
    for (const map of [f.map, f.mapPlan, f.mapAnswers]) {
      const entries = readFileSync(map, 'utf8')
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('#')).length;
      expect(await haproxyCommand(f.socket, 'show map')).toMatch(new RegExp(`\\(${map}\\).*entry_cnt=${entries}\\b`));
    }
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 30_000);

  it('has --check find every file replaceable and HAProxy holding the three maps', async () => {
    const check = await runCli(['--config', config, '--check']);
    for (const map of [f.map, f.mapPlan, f.mapAnswers])
      expect(check.stdout).toMatch(new RegExp(`ok +HAProxy map +${map.replaceAll('.', '\\.')} is replaced live through`));
    expect(check.stdout.match(/^ok +export [a-z-]+ +\//gm)).toHaveLength(5);
    // The route server line is a dump here: it answers the probe address from the table.
    expect(check.stdout).toMatch(/^configuration OK$/m);
  }, 30_000);

  it('a drain reaches HAProxy (live), nginx (its reload command) and gdnsd (its admin_state) through the answers alone; lifting it brings them back', async () => {
    const gdnsd = await startGdnsd(f.gdnsd, f.nets, [X, Y, Z, 'www.far.example.net']);
    engines.push(gdnsd);
    expect(await haproxy.answer('192.168.193.15')).toBe(Y);
    const writes = count(serve!.stderr, /HAProxy: map .* replaced live/);
    const classWrites = count(serve!.stderr, /wrote \S+class\.(map|conf|nets) /);
    writeFileSync(f.drain, `${Y}\n`);
    await waitFor('HAProxy to stop answering Y', async () => (await haproxy.answer('192.168.193.15')) !== Y, 5000, 20);
    const drained = await oneShot();
    expect(drained).not.toContain(Y);
    expect(await answersOf(haproxy)).toEqual(drained);
    // nginx's old workers answer a moment longer after a graceful reload: every answer new, then.
    await waitFor('nginx to follow', async () => (await answersOf(nginx)).join() === drained.join(), 10_000, 100);
    // gdnsd applies a changed admin_state within about 2 s (a nets file would take 12).
    await waitFor('gdnsd to follow', async () => (await gdnsd.answer('192.168.193.15')) !== Y, 8000, 100);
    expect(await answersOf(gdnsd)).toEqual(drained);
    expect(readFileSync(f.adminState, 'utf8')).toMatch(
      /^"geoip\/\*\/www\.retired\.example\.net" => DOWN\n[\s\S]*^"geoip\/\*\/www\.y\.example\.net" => DOWN$/m,
    );
    // One change, one push, of the answers map alone; no class table was written again.
    expect(count(serve!.stderr, /HAProxy: map .* replaced live/)).toBe(writes + 1);
    expect(serve!.stderr).toMatch(new RegExp(`HAProxy: map ${f.mapAnswers.replaceAll('.', '\\.')} replaced live`));
    expect(count(serve!.stderr, /wrote \S+class\.(map|conf|nets) /)).toBe(classWrites);
    writeFileSync(f.drain, '');
    await waitFor('HAProxy to answer Y again', async () => (await haproxy.answer('192.168.193.15')) === Y, 5000, 20);
    const back = await oneShot();
    expect(await answersOf(haproxy)).toEqual(back);
    await waitFor('gdnsd to answer Y again', async () => (await gdnsd.answer('192.168.193.15')) === Y, 8000, 100);
  }, 90_000);

  it('a plan change rewrites the plan’s files alone, never a class table, and reaches HAProxy in one small push and nginx by its reload', async () => {
    expect(await haproxy.answer('192.168.193.15')).toBe(Y);
    const pushes = count(serve!.stderr, /HAProxy: map .* replaced live/);
    const classWrites = count(serve!.stderr, /wrote \S+class\.(map|conf) /);
    writeFileSync(f.plan, `192.168.193.0/25 ${Z}\n`);
    await waitFor('HAProxy to answer the plan', async () => (await haproxy.answer('192.168.193.15')) === Z, 5000, 20);
    const planned = await oneShot();
    expect(planned[PROBES.indexOf('192.168.193.15')]).toBe(Z);
    expect(await answersOf(haproxy)).toEqual(planned);
    await waitFor('nginx to follow', async () => (await answersOf(nginx)).join() === planned.join(), 10_000, 100);
    expect(readFileSync(f.mapPlan, 'utf8')).toMatch(/^192\.168\.193\.0\/25 64701-64702$/m);
    // The plan's map pushed, and the answers' only if a class was new; the routes' tables left alone.
    expect(count(serve!.stderr, /HAProxy: map .* replaced live/) - pushes).toBeLessThanOrEqual(2);
    expect(serve!.stderr).toMatch(new RegExp(`HAProxy: map ${f.mapPlan.replaceAll('.', '\\.')} replaced live`));
    expect(count(serve!.stderr, /wrote \S+class\.(map|conf) /)).toBe(classWrites);
    writeFileSync(f.plan, '');
    await waitFor('HAProxy to answer Y again', async () => (await haproxy.answer('192.168.193.15')) === Y, 5000, 20);
    await waitFor('nginx to answer Y again', async () => (await nginx.answer('192.168.193.15')) === Y, 10_000, 100);
    expect(count(serve!.stderr, /wrote \S+class\.(map|conf) /)).toBe(classWrites);
  }, 60_000);

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
      // A SIGHUP writes both maps anew: two pushes at least.
      await waitFor(`replacement ${i}`, async () => count(serve!.stderr, /HAProxy: map .* replaced live/) >= before + 2 * i, 10_000, 5);
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
    const classPushes = new RegExp(`HAProxy: map ${f.map.replaceAll('.', '\\.')} replaced live`);
    const pushes = count(serve!.stderr, classPushes);
    writeFileSync(`${f.table}.new`, dump);
    renameSync(`${f.table}.new`, f.table);
    await waitFor('the new class map to be pushed', async () => count(serve!.stderr, classPushes) > pushes, 30_000);
    const probes = Array.from({ length: 300 }, probe);
    expect(await answersOf(haproxy, probes)).toEqual(await oneShot(probes));
    const entries = readFileSync(f.map, 'utf8')
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#')).length;
    expect(entries).toBeGreaterThan(50_000);
    // The answers map holds every class once: a handful, not a line per block.
    expect(readFileSync(f.mapAnswers, 'utf8').split('\n').length).toBeLessThan(40);
    expect(await haproxyCommand(f.socket, 'show map')).toMatch(new RegExp(`\\(${f.map}\\).*entry_cnt=${entries}\\b`));
    // The same table with 1 route in 1000 changed: HAProxy gets a new version of the class map,
    // swapped in whole; it answers as one-shot does.
    const swaps = count(serve!.stderr, classPushes);
    const variant = randomMrtTable(100_000, 77, 1000).dump;
    writeFileSync(`${f.table}.new`, variant);
    renameSync(`${f.table}.new`, f.table);
    await waitFor('the new version swapped in', async () => count(serve!.stderr, classPushes) > swaps, 30_000);
    const entriesNow = readFileSync(f.map, 'utf8')
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#')).length;
    expect(await answersOf(haproxy, probes)).toEqual(await oneShot(probes));
    // HAProxy holds exactly the file's entries: nothing left over from the old table.
    expect(await haproxyCommand(f.socket, 'show map')).toMatch(new RegExp(`\\(${f.map}\\).*entry_cnt=${entriesNow}\\b`));
    copyFileSync(join(dir, 'testbed.mrt'), `${f.table}.new`);
    renameSync(`${f.table}.new`, f.table);
    await waitFor('the testbed table back', async () => (await haproxy.answer('192.168.193.15')) === Y, 30_000);
  }, 120_000);

  it('HAProxy away: the file is still written, and the map pushed once HAProxy is back', async () => {
    await haproxy.stop();
    engines.splice(engines.indexOf(haproxy), 1);
    writeFileSync(f.drain, `${Y}\n`);
    // The answers file follows the drain; its push to the HAProxy that is gone fails, and says so.
    await waitFor(
      'the drained answers written',
      async () => !new RegExp(` ${Y.replaceAll('.', '\\.')}$`, 'm').test(readFileSync(f.mapAnswers, 'utf8')),
      10_000,
    );
    const failed = new RegExp(`HAProxy's map ${f.mapAnswers.replaceAll('.', '\\.')} not replaced live \\(its file is\\)`);
    await waitFor('the failed push to be told', async () => failed.test(serve!.stderr), 10_000);
    // Counted while HAProxy is away: a retry may land as soon as it is back, while it is still starting.
    const pushes = count(serve!.stderr, /HAProxy: map .* replaced live/);
    // Started again from the files as written, HAProxy answers the drain; the retried push reaches it too.
    haproxy = await startHaproxyClasses(dir, haproxyFiles(), X, f.socket);
    engines.push(haproxy);
    expect(await haproxy.answer('192.168.193.15')).not.toBe(Y);
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
