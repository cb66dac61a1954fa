import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BIN, MapProgram, PEERS, runCli, testbedConfigLines, writeConfig } from '../helpers/cli.js';
import { startFrrTestbed, VTYSH, type FrrTestbed } from '../helpers/frr-testbed.js';
import { waitFor } from '../helpers/wait.js';
import { mmdbFile } from '../../src/export/mmdb.js';
import { get } from '../helpers/apache.js';
import {
  NGINX,
  NGINX_GEOIP2,
  startGdnsd,
  startHaproxy,
  startHaproxyMap,
  startNginx,
  startNginxGeo,
  type LookupEngine,
} from '../helpers/lookup-engines.js';
import { ROUTE_CASES, X, Y } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';
import { randomMrtTable } from '../helpers/random-table.js';
import { random as xorshift } from '../helpers/capacity-instances.js';

const MMDBLOOKUP = process.env.SUPERSPARROW_MMDBLOOKUP ?? '/usr/bin/mmdblookup';

/** Runs the built CLI with its stdout going straight into a file, as a shell redirect does (binary output). */
function runCliToFile(args: readonly string[], file: string): Promise<{ code: number | null }> {
  const fd = openSync(file, 'w');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', fd, 'ignore'] });
    child.once('close', (code) => {
      closeSync(fd);
      resolve({ code });
    });
  });
}

/** Every route case, and addresses spread over and around the routed space, for an exact comparison. */
function probeAddresses(): string[] {
  // xorshift32: exact in integers, unlike a product past 2^53.
  const next = xorshift(17);
  const random = (n: number): number => Math.floor(next() * n);
  const spread = Array.from({ length: 150 }, (_, i) => {
    const first = [10, 172, 192, 198, 100, 203][i % 6]!;
    const second =
      first === 172 ? 16 + random(20) : first === 192 ? [0, 168][random(2)]! : first === 198 ? [18, 51][random(2)]! : random(256);
    const third = first === 192 && second === 168 ? 190 + random(12) : random(256);
    return `${first}.${second}.${third}.${random(256)}`;
  });
  const v6 = Array.from({ length: 30 }, () => `2001:db8:${(0x190 + random(0x580)).toString(16)}::${random(65536).toString(16)}`);
  return [...ROUTE_CASES.map(([address]) => address), ...spread, ...v6];
}

describe('export to engines that look up blocks themselves (real bgpd dump, real nginx and HAProxy)', () => {
  let testbed: FrrTestbed;
  let dir: string;
  let config: string;
  const engines: LookupEngine[] = [];
  const addresses = probeAddresses();
  let ours: string[];

  beforeAll(async () => {
    testbed = await startFrrTestbed();
    dir = scratchDir('export');
    await testbed.dumpMrt(join(dir, 'rib.mrt'));
    config = writeConfig(join(dir, 'supersparrow.conf'), ['route_server mrt', `table ${join(dir, 'rib.mrt')}`, PEERS, `self ${X}`]);
    const once = await runCli(['--config', config, ...addresses]);
    ours = once.stdout.split('\n').slice(0, -1);
    expect(ours).toHaveLength(addresses.length);
  }, 60_000);
  afterAll(async () => {
    for (const e of engines) await e.stop();
    await testbed?.stop();
  });

  /** The engine gives each route case's answer, and for every probe address the one-shot answer. */
  async function expectSameAnswers(answer: (address: string) => Promise<string> | string): Promise<void> {
    for (const [address, expected] of ROUTE_CASES) expect([address, await answer(address)]).toEqual([address, expected]);
    const theirs: string[] = [];
    for (const a of addresses) theirs.push(await answer(a));
    expect(theirs).toEqual(ours);
  }

  async function exported(format: string, extra: readonly string[] = [], withConfig = config): Promise<string> {
    const { code, stdout, stderr } = await runCli(['--config', withConfig, '--export', format, ...extra]);
    expect([code, stderr.replace(/^.*(route server reloaded|exporting with the plan in force): .*\n/gm, '')]).toEqual([0, '']);
    return stdout;
  }

  it('answers every route case as supersparrow does, through nginx geo', async () => {
    const file = join(dir, 'pop.geo');
    writeFileSync(file, await exported('nginx-geo'));
    const nginx = await startNginxGeo(dir, file);
    engines.push(nginx);
    await expectSameAnswers(nginx.answer);
  }, 30_000);

  it('answers every route case as supersparrow does, through HAProxy map_ip', async () => {
    const file = join(dir, 'pop.map');
    writeFileSync(file, await exported('haproxy-map'));
    const haproxy = await startHaproxyMap(dir, file, X);
    engines.push(haproxy);
    await expectSameAnswers(haproxy.answer);
  }, 30_000);

  it('reflects a drained POP when written, as one-shot answers do', async () => {
    const drain = join(dir, 'drain');
    writeFileSync(drain, `${Y}\n`);
    const drained = writeConfig(join(dir, 'drained.conf'), [...readFileSync(config, 'utf8').trim().split('\n'), `drain_file ${drain}`]);
    const { stdout } = await runCli(['--config', drained, ...addresses]);
    const expected = stdout.split('\n').slice(0, -1);
    expect(expected).not.toContain(Y);
    const { code, stdout: geo, stderr } = await runCli(['--config', drained, '--export', 'nginx-geo']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/exporting without POP AS64702 \(www\.y\.example\.net\): drained/);
    const dirDrained = scratchDir('export-drained');
    writeFileSync(join(dirDrained, 'pop.geo'), geo);
    const nginx = await startNginxGeo(dirDrained, join(dirDrained, 'pop.geo'));
    engines.push(nginx);
    expect(await Promise.all(addresses.map((a) => nginx.answer(a)))).toEqual(expected);
  }, 30_000);

  it("export/README.md's dump steps, as shipped: a dump now, checked, and the cron line's dump later", async () => {
    const guide = readFileSync(new URL('../../export/README.md', import.meta.url), 'utf8');
    const steps = /## The dump \(FRR\)[\s\S]*?```sh\n([\s\S]*?)```/.exec(guide)![1]!;
    const dir = scratchDir('guide-dump');
    const lib = join(dir, 'frr');
    const cron = join(dir, 'frr-mrt-dump');
    // The testbed's bgpd listens on its own vty socket; the folders are this test's.
    const here = (text: string): string =>
      text
        .replaceAll('/var/lib/frr', lib)
        .replaceAll('/etc/cron.d/frr-mrt-dump', cron)
        .replaceAll('vtysh ', `${VTYSH} --vty_socket ${testbed.dir} `);
    const withoutFolder = spawnSync(
      'bash',
      [
        '-c',
        here(
          steps
            .split('\n')
            .filter((l) => !l.startsWith('install '))
            .join('\n'),
        ),
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(withoutFolder.stdout).toMatch(/no dump: check the folder/);
    const run = spawnSync('bash', ['-c', here(steps)], { encoding: 'utf8' });
    expect(run.stdout).toMatch(/^dump written$/m);
    const config = writeConfig(join(dir, 'ss.conf'), ['route_server mrt', `table ${join(lib, 'rib.mrt')}`, PEERS, `self ${X}`]);
    const expectExport = async (): Promise<void> => {
      const csv = await runCli(['--config', config, '--export', 'csv']);
      expect([csv.code, /failed|cannot/.exec(csv.stderr)?.input]).toEqual([0, undefined]);
      expect(csv.stdout).toMatch(/^192\.168\.193\.0\/24,www\.y\.example\.net,64702 64602$/m);
    };
    await expectExport();
    // What cron will run, as the line says: a new dump that --export reads just the same.
    const line = readFileSync(cron, 'utf8').trim();
    expect(line).toMatch(/^\*\/5 \* \* \* \* root /);
    rmSync(join(lib, 'rib.mrt'));
    execFileSync('bash', ['-c', line.replace(/^(\S+\s+){6}/, '')]);
    await waitFor("the cron line's dump", async () => existsSync(join(lib, 'rib.mrt')) && statSync(join(lib, 'rib.mrt')).size > 0, 10_000);
    // The dump may still be being written: what is checked is that --export reads it once it is whole.
    await waitFor(
      'an export from the new dump',
      async () => {
        const csv = await runCli(['--config', config, '--export', 'csv']);
        return csv.code === 0 && /^192\.168\.193\.0\/24,www\.y\.example\.net,64702 64602$/m.test(csv.stdout);
      },
      10_000,
      250,
    ).catch(() => undefined);
    await expectExport();
  }, 60_000);

  it('answers as supersparrow does through mmdblookup, a MaxMind DB reader (libmaxminddb)', async () => {
    const file = join(dir, 'pop.mmdb');
    const { code } = await runCliToFile(['--config', config, '--export', 'mmdb'], file);
    expect(code).toBe(0);
    const lookup = (address: string): string => {
      // mmdblookup exits non-zero when it finds no entry: its words are what count.
      const run = spawnSync(MMDBLOOKUP, ['--file', file, '--ip', address, 'pop'], { encoding: 'utf8' });
      if (run.error) throw new Error(`${MMDBLOOKUP} cannot run (apt-get install -y mmdb-bin): ${run.error.message}`);
      const out = `${run.stdout}${run.stderr}`;
      // No entry: the engine's default, self.
      return /Could not find an entry/.test(out) ? X : (/"(.*)" <utf8_string>/.exec(out)?.[1] ?? `unreadable: ${out}`);
    };
    await expectSameAnswers(lookup);
    const meta = execFileSync(MMDBLOOKUP, ['--file', file, '--ip', '192.168.193.15', '--verbose'], { encoding: 'utf8' });
    expect(meta).toMatch(/Binary format: 2\.0/);
    expect(meta).toMatch(/IP version:\s+IPv6/);
  }, 30_000);

  it('keeps IPv4 apart from an IPv6 default route in a MaxMind DB', () => {
    const file = join(dir, 'edge.mmdb');
    writeFileSync(
      file,
      mmdbFile(
        [
          { cidr: '10.0.0.0/8', answer: 'a.example' },
          { cidr: '11.0.0.0/8', answer: 'b.example' },
          { cidr: '::/0', answer: 'v6.example' },
        ],
        'edge cases',
        1_796_000_000,
      ),
    );
    const lookup = (address: string): string => {
      const run = spawnSync(MMDBLOOKUP, ['--file', file, '--ip', address, 'pop'], { encoding: 'utf8' });
      return /Could not find/.test(`${run.stdout}${run.stderr}`) ? 'none' : (/"(.*)"/.exec(run.stdout)?.[1] ?? 'unreadable');
    };
    expect(['10.1.1.1', '11.0.0.0', '200.0.0.1', '2001:db8::1', 'ffff::1'].map(lookup)).toEqual([
      'a.example',
      'b.example',
      'none',
      'v6.example',
      'v6.example',
    ]);
  });

  it('writes csv rows of prefix, answer and AS path for each prefix', async () => {
    const rows = (await exported('csv')).split('\n');
    expect(rows[0]).toBe('prefix,answer,as_path');
    for (const [, answer, prefix, path] of ROUTE_CASES) {
      if (prefix === '-') continue;
      const cell = /[,"]/.test(path) ? `"${path}"` : path;
      expect(rows).toContain(`${prefix},${answer},${cell}`);
    }
  });

  it('answers every route case as supersparrow does, through gdnsd with the nets file (ECS queries)', async () => {
    const gdnsdDir = scratchDir('export-gdnsd');
    const nets = join(gdnsdDir, 'pops.nets');
    writeFileSync(nets, await exported('gdnsd-nets'));
    // The datacenters in preference order: self first, so that an address in no block goes there.
    const gdnsd = await startGdnsd(gdnsdDir, nets, [X, Y, 'www.z.example.net', 'www.far.example.net']);
    engines.push(gdnsd);
    await expectSameAnswers(gdnsd.answer);
  }, 60_000);

  it('stays exact on a dump of 150k nested prefixes read in several chunks (HAProxy against one-shot answers)', async () => {
    const { dump, probe } = randomMrtTable(150_000);
    const bigDir = scratchDir('export-big');
    writeFileSync(join(bigDir, 'rib.mrt'), dump);
    const bigConfig = writeConfig(join(bigDir, 'supersparrow.conf'), [
      'route_server mrt',
      `table ${join(bigDir, 'rib.mrt')}`,
      PEERS,
      `self ${X}`,
    ]);
    const probes = Array.from({ length: 400 }, probe);
    const once = await runCli(['--config', bigConfig, ...probes]);
    const expected = once.stdout.split('\n').slice(0, -1);
    expect(new Set(expected).size).toBeGreaterThan(2);
    const map = await runCli(['--config', bigConfig, '--export', 'haproxy-map']);
    expect(map.code).toBe(0);
    writeFileSync(join(bigDir, 'pop.map'), map.stdout);
    const haproxy = await startHaproxyMap(bigDir, join(bigDir, 'pop.map'), X);
    engines.push(haproxy);
    const theirs: string[] = [];
    for (const a of probes) theirs.push(await haproxy.answer(a));
    expect(theirs).toEqual(expected);
  }, 90_000);

  it('refuses a live route server, saying how to export from a dump', async () => {
    const live = writeConfig(join(dir, 'live.conf'), testbedConfigLines(testbed.vtyPort));
    const { code, stderr } = await runCli(['--config', live, '--export', 'nginx-geo']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--export needs route_server mrt or table.*dump bgp routes-mrt FILE/);
  });

  describe('export/: the shipped nginx and HAProxy configs, as written but for paths, ports and the client source', () => {
    const guide = (name: string): string => readFileSync(new URL(`../../export/${name}`, import.meta.url), 'utf8');
    /** The config with a capacity plan: a piece of this POP's block sent to Z, and a block of Z's kept here. */
    function plannedConfig(guideDir: string): string {
      const plan = join(guideDir, 'plan');
      writeFileSync(plan, '192.168.192.0/25 www.z.example.net\n10.1.2.0/24 www.x.example.net\n');
      return writeConfig(join(guideDir, 'supersparrow.conf'), [
        'route_server mrt',
        `table ${join(dir, 'rib.mrt')}`,
        PEERS,
        `self ${X}`,
        `plan_file ${plan}`,
      ]);
    }

    it('nginx redirects a client nearer POP Y there with 307, and serves a client of this POP', async () => {
      const guideDir = scratchDir('export-guide-nginx');
      const classes = join(guideDir, 'supersparrow-class.conf');
      await exported('nginx-classes', ['-o', classes], plannedConfig(guideDir));
      const nginx = await startNginx(
        guideDir,
        (port) =>
          // As the guide says for a server behind a proxy: the client comes from X-Forwarded-For.
          `set_real_ip_from 127.0.0.1; real_ip_header X-Forwarded-For;\n${guide('nginx-supersparrow.conf')
            .replaceAll('/etc/nginx/supersparrow-class.conf', classes)
            .replaceAll('/etc/nginx/supersparrow-class.answers.conf', join(guideDir, 'supersparrow-class.answers.conf'))
            .replaceAll('/etc/nginx/supersparrow-class.plan.conf', join(guideDir, 'supersparrow-class.plan.conf'))
            .replace('listen 80;', `listen 127.0.0.1:${port};`)
            .replace('/var/www/html', guideDir)}`,
      );
      engines.push(nginx);
      const y = await get(nginx.port, '/shop?item=7', { 'X-Forwarded-For': '192.168.193.15' }, '127.0.0.1');
      expect([y.status, y.location]).toEqual([307, 'http://www.y.example.net/shop?item=7']);
      const v6 = await get(nginx.port, '/', { 'X-Forwarded-For': '2001:db8:193::1' }, '127.0.0.1');
      expect([v6.status, v6.location]).toEqual([307, 'http://www.y.example.net/']);
      const x = await get(nginx.port, '/', { 'X-Forwarded-For': '192.168.192.200' }, '127.0.0.1');
      expect(x.status).not.toBe(307);
      // The plan's file is looked up first: a planned block goes where the plan says, self included.
      const planned = await get(nginx.port, '/', { 'X-Forwarded-For': '192.168.192.1' }, '127.0.0.1');
      expect([planned.status, planned.location]).toEqual([307, 'http://www.z.example.net/']);
      const kept = await get(nginx.port, '/', { 'X-Forwarded-For': '10.1.2.3' }, '127.0.0.1');
      expect(kept.status).not.toBe(307);
      const z = await get(nginx.port, '/', { 'X-Forwarded-For': '10.1.3.3' }, '127.0.0.1');
      expect([z.status, z.location]).toEqual([307, 'http://www.z.example.net/']);
    }, 30_000);

    it('nginx with geoip2 (nginx-geoip2-supersparrow.conf): redirects from the mmdb of classes; --serve brings a drain by the answers file and a reload alone', async () => {
      const guideDir = scratchDir('export-guide-nginx-geoip2');
      const mmdb = join(guideDir, 'supersparrow-class.mmdb');
      const answers = join(guideDir, 'supersparrow-class.answers.conf');
      const drain = join(guideDir, 'drain');
      writeFileSync(drain, '');
      await exported('nginx-mmdb-classes', ['-o', mmdb], plannedConfig(guideDir));
      expect(readFileSync(answers, 'utf8')).toMatch(/^default www\.x\.example\.net;$/m);
      const nginx = await startNginx(
        guideDir,
        (port) =>
          `set_real_ip_from 127.0.0.1; real_ip_header X-Forwarded-For;\n${guide('nginx-geoip2-supersparrow.conf')
            .replaceAll('/etc/nginx/supersparrow-class.mmdb', mmdb)
            .replaceAll('/etc/nginx/supersparrow-class.answers.conf', answers)
            .replace('listen 80;', `listen 127.0.0.1:${port};`)
            .replace('/var/www/html', guideDir)}`,
        { master: true, modules: [NGINX_GEOIP2] },
      );
      engines.push(nginx);
      const at = async (client: string) => {
        const r = await get(nginx.port, '/', { 'X-Forwarded-For': client }, '127.0.0.1');
        return r.status === 307 ? r.location : 'here';
      };
      expect(await at('192.168.193.15')).toBe('http://www.y.example.net/');
      expect(await at('2001:db8:193::1')).toBe('http://www.y.example.net/');
      expect(await at('10.1.3.3')).toBe('http://www.z.example.net/');
      expect(await at('192.168.192.200')).toBe('here');
      // The plan is in the mmdb: a planned block goes where the plan says, self included.
      expect(await at('192.168.192.1')).toBe('http://www.z.example.net/');
      expect(await at('10.1.2.3')).toBe('here');
      // --serve with supersparrow-serve.conf's line for it, reloading this nginx.
      const shipped = /^#(export nginx-mmdb-classes .*)$/m.exec(
        readFileSync(new URL('../../export/supersparrow-serve.conf', import.meta.url), 'utf8'),
      )![1]!;
      const reload = `${NGINX} -c ${join(guideDir, 'nginx.conf')} -p ${guideDir} -e ${join(guideDir, 'nginx-error.log')}`;
      const line = shipped.replaceAll('/etc/nginx/supersparrow-class.mmdb', mmdb).replaceAll(/\bnginx (-[ts])/g, `${reload} $1`);
      const conf = readFileSync(plannedConfig(guideDir), 'utf8');
      writeFileSync(join(guideDir, 'supersparrow.conf'), `${conf}drain_file ${drain}\n${line}\n`);
      const serve = new MapProgram(['--config', join(guideDir, 'supersparrow.conf'), '--serve'], { env: { PATH: process.env.PATH } });
      try {
        await waitFor('--serve to write and reload', async () => /ran "/.test(serve.stderr), 15_000);
        const mmdbWrites = serve.stderr.match(/wrote \S+supersparrow-class\.mmdb /g)?.length ?? 0;
        writeFileSync(drain, `${Y}\n`);
        await waitFor('nginx to follow the drain', async () => (await at('192.168.193.15')) !== 'http://www.y.example.net/', 10_000, 50);
        // The mmdb is left as it is: the answers file and a reload of the small config carry a drain.
        expect(serve.stderr.match(/wrote \S+supersparrow-class\.mmdb /g)?.length ?? 0).toBe(mmdbWrites);
        expect(serve.stderr).toMatch(/wrote \S+supersparrow-class\.answers\.conf \(nginx-mmdb-classes answers/);
        expect(await at('10.1.3.3')).toBe('http://www.z.example.net/');
        writeFileSync(drain, '');
        await waitFor('Y back', async () => (await at('192.168.193.15')) === 'http://www.y.example.net/', 10_000, 50);
      } finally {
        serve.kill();
      }
    }, 60_000);

    it('HAProxy redirects a client nearer POP Y there with 307, and passes a client of this POP on', async () => {
      const guideDir = scratchDir('export-guide-haproxy');
      const map = join(guideDir, 'supersparrow-class.map');
      await exported('haproxy-classes', ['-o', map], plannedConfig(guideDir));
      const haproxy = await startHaproxy(guideDir, (port) =>
        guide('haproxy-supersparrow.cfg')
          .replaceAll('/etc/haproxy/supersparrow-class.map', map)
          .replaceAll('/etc/haproxy/supersparrow-class.answers.map', join(guideDir, 'supersparrow-class.answers.map'))
          .replaceAll('/etc/haproxy/supersparrow-class.plan.map', join(guideDir, 'supersparrow-class.plan.map'))
          .replace('bind :80', `bind 127.0.0.1:${port}`)
          // As the guide says for a server behind a proxy: the client comes from X-Forwarded-For.
          .replaceAll('src,map_ip', 'req.hdr_ip(x-forwarded-for,-1),map_ip'),
      );
      engines.push(haproxy);
      const y = await get(haproxy.port, '/shop?item=7', { 'X-Forwarded-For': '192.168.193.15' }, '127.0.0.1');
      expect([y.status, y.location]).toEqual([307, 'http://www.y.example.net/shop?item=7']);
      const z = await get(haproxy.port, '/', { 'X-Forwarded-For': '10.1.3.3' }, '127.0.0.1');
      expect([z.status, z.location]).toEqual([307, 'http://www.z.example.net/']);
      const x = await get(haproxy.port, '/', { 'X-Forwarded-For': '192.168.192.200' }, '127.0.0.1');
      expect(x.status).not.toBe(307);
      // The plan's map is looked up first: a planned block goes where the plan says, self included.
      const planned = await get(haproxy.port, '/', { 'X-Forwarded-For': '192.168.192.1' }, '127.0.0.1');
      expect([planned.status, planned.location]).toEqual([307, 'http://www.z.example.net/']);
      const kept = await get(haproxy.port, '/', { 'X-Forwarded-For': '10.1.2.3' }, '127.0.0.1');
      expect(kept.status).not.toBe(307);
    }, 30_000);
  });
});

describe('MaxMind DB export: IPv4 lookups never answered from IPv6 routes', () => {
  /** xorshift32: many draws without the LCG's short cycles. */
  function generator(seed: number): (n: number) => number {
    let state = seed;
    return (n) => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) % n;
    };
  }
  const PATHS = ['64702 64602', '64600 64601', '64600 64701 64605', '64701', 'Local', '64600 64702 64604'];

  it.each([1, 2, 3])(
    'random table %i with IPv6 routes inside ::/96 and ::ffff:0:0/96: mmdblookup answers as one-shot does',
    async (seed) => {
      const random = generator(seed * 7919);
      const lines: string[] = [];
      const v4 = (): string => [random(224) + 1, random(256), random(256), random(256)].join('.');
      for (let i = 0; i < 60; i++) {
        const length = 8 + random(21);
        const [a, b, c, d] = v4().split('.').map(Number) as [number, number, number, number];
        const value = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
        const network = (value & (0xffffffff << (32 - length))) >>> 0;
        const prefix = `${[network >>> 24, (network >>> 16) & 255, (network >>> 8) & 255, network & 255].join('.')}/${length}`;
        // A prefix once: a table lists each on one line.
        if (!lines.some((l) => l.startsWith(`${prefix} `))) lines.push(`${prefix} ${PATHS[random(PATHS.length)]}`);
      }
      // The IPv6 routes that once leaked into IPv4 lookups: inside ::/96 and the IPv4-mapped ::ffff:0:0/96.
      lines.push(
        `::/96 ${PATHS[0]}`,
        `::1/128 ${PATHS[3]}`,
        `::a00:0/104 ${PATHS[3]}`,
        `::ffff:0:0/96 ${PATHS[0]}`,
        `::ffff:a00:0/104 ${PATHS[3]}`,
        `::/64 ${PATHS[5]}`,
        `2001:db8::/32 ${PATHS[1]}`,
        `2001:db8:193::/48 ${PATHS[0]}`,
      );
      if (seed === 3) lines.push(`::/0 ${PATHS[2]}`);
      const dir = scratchDir('mmdb-v6');
      writeFileSync(join(dir, 'routes.table'), `${lines.join('\n')}\n`);
      const config = writeConfig(join(dir, 'ss.conf'), ['route_server table', `table ${join(dir, 'routes.table')}`, PEERS, `self ${X}`]);
      const file = join(dir, 'pop.mmdb');
      expect((await runCliToFile(['--config', config, '--export', 'mmdb'], file)).code).toBe(0);
      const probes: string[] = [];
      for (let i = 0; i < 80; i++) probes.push(v4());
      for (let i = 0; i < 20; i++) probes.push(`::ffff:${v4()}`);
      probes.push('8.8.8.8', '10.0.0.1', '0.0.0.1', '::ffff:10.1.2.3', '2001:db8::1', '2001:db8:193::5', '2001:db9::1', '::1:0:0:1');
      const once = await runCli(['--config', config, ...probes]);
      const expected = once.stdout.split('\n').slice(0, -1);
      expect(expected).toHaveLength(probes.length);
      const looked = probes.map((address) => {
        const run = spawnSync(MMDBLOOKUP, ['--file', file, '--ip', address, 'pop'], { encoding: 'utf8' });
        if (run.error) throw new Error(`${MMDBLOOKUP} cannot run (apt-get install -y mmdb-bin): ${run.error.message}`);
        const out = `${run.stdout}${run.stderr}`;
        return /Could not find an entry/.test(out) ? X : (/"(.*)" <utf8_string>/.exec(out)?.[1] ?? `unreadable: ${out}`);
      });
      expect(probes.map((p, i) => `${p} ${looked[i]}`)).toEqual(probes.map((p, i) => `${p} ${expected[i]}`));
    },
    30_000,
  );
});

describe('MaxMind DB export: every address has an entry, whatever the table and the state', () => {
  /** mmdblookup's answer for an address, or "no entry". */
  function lookup(file: string, address: string): string {
    const run = spawnSync(MMDBLOOKUP, ['--file', file, '--ip', address, 'pop'], { encoding: 'utf8' });
    if (run.error) throw new Error(`${MMDBLOOKUP} cannot run (apt-get install -y mmdb-bin): ${run.error.message}`);
    const out = `${run.stdout}${run.stderr}`;
    return /Could not find an entry/.test(out) ? 'no entry' : (/"(.*)" <utf8_string>/.exec(out)?.[1] ?? `unreadable: ${out}`);
  }

  it.each([
    [
      'the only other POP drained (every IPv4 answer self)',
      ['192.168.193.0/24 64702 64602', '10.0.0.0/8 64600 64601', '2001:db8::/32 64702'],
      'www.y.example.net',
    ],
    ['an empty table', [], ''],
    ['a table where every answer is self', ['10.0.0.0/8 64600 64601', '2001:db8::/32 64600'], ''],
    ['IPv4 routes only', ['192.168.193.0/24 64702 64602'], ''],
    ['IPv6 routes only', ['2001:db8::/32 64702'], ''],
  ])(
    '%s',
    async (_what, routes, drained) => {
      const dir = scratchDir('mmdb-every');
      writeFileSync(join(dir, 'routes.table'), `${routes.join('\n')}\n`);
      writeFileSync(join(dir, 'drain'), drained === '' ? '' : `${drained}\n`);
      const config = writeConfig(join(dir, 'ss.conf'), [
        'route_server table',
        'table routes.table',
        PEERS,
        `self ${X}`,
        'drain_file drain',
      ]);
      const file = join(dir, 'pop.mmdb');
      expect((await runCliToFile(['--config', config, '--export', 'mmdb'], file)).code).toBe(0);
      const probes = [
        '192.168.193.15',
        '10.1.2.3',
        '8.8.8.8',
        '0.0.0.0',
        '255.255.255.255',
        '::ffff:192.168.193.15',
        '2001:db8::1',
        '2001:db9::1',
        '::1',
        'ffff::1',
      ];
      const expected = (await runCli(['--config', config, ...probes])).stdout.split('\n').slice(0, -1);
      expect(probes.map((p) => `${p} ${lookup(file, p)}`)).toEqual(probes.map((p, i) => `${p} ${expected[i]}`));
    },
    30_000,
  );
});
