import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MapProgram, PEERS, writeConfig } from '../helpers/cli.js';
import { startFrrTestbed, type FrrTestbed } from '../helpers/frr-testbed.js';
import { waitFor } from '../helpers/wait.js';
import { dig, startPdns, type Pdns } from '../helpers/pdns.js';
import { randomMrtTable } from '../helpers/random-table.js';
import { ROUTE_CASES, Y } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const GUIDE = readFileSync(join(ROOT, 'pdns/README.md'), 'utf8');

/** A part of the guide: from its heading to the next. */
function section(heading: string): string {
  const from = GUIDE.indexOf(`## ${heading}`);
  expect(from).toBeGreaterThanOrEqual(0);
  const to = GUIDE.indexOf('\n## ', from + 3);
  return GUIDE.slice(from, to < 0 ? undefined : to);
}

/** Its code blocks, without the indent of the list items they sit in. */
const blocks = (text: string): string[] => [...text.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/^ {3}/gm, ''));

/** Every route case, and addresses around them, as a client subnet of the whole address. */
const CLIENTS = [
  ...ROUTE_CASES.map(([address]) => address),
  '192.168.193.255',
  '172.31.255.1',
  '10.1.0.0',
  '100.127.255.255',
  '8.8.8.8',
  '2001:db8:193:ffff::1',
  '2001:db9::1',
];

describe("PowerDNS's geoip backend on supersparrow's mmdb (pdns/README.md as written, real pdns, dig +subnet)", () => {
  let testbed: FrrTestbed;
  let dir: string;
  let geoip: Pdns;
  let pipe: Pdns;
  let serve: MapProgram;
  let mmdbDir: string;
  let mounted = false;
  const table = (): string => join(dir, 'rib.mrt');

  /** Where the guide's installed paths are here. */
  const here = (text: string): string =>
    text
      .replaceAll('/usr/bin/node', process.execPath)
      .replaceAll('/usr/lib/node_modules/supersparrow', ROOT)
      .replaceAll('/etc/supersparrow.conf', join(dir, 'supersparrow.conf'))
      .replaceAll('/var/lib/supersparrow', mmdbDir)
      .replaceAll('/etc/powerdns/', `${dir}/`);

  /** What a pdns answers for `www.example.net` to each client: the records' type and data. */
  async function answers(pdns: Pdns, type: 'A' | 'AAAA'): Promise<string[]> {
    const out: string[] = [];
    for (const client of CLIENTS) {
      const reply = await dig(pdns, 'www.example.net', type, `${client}/${client.includes(':') ? 128 : 32}`);
      out.push(`${client} ${reply.status} ${reply.answers.map((a) => `${a.type} ${a.data}`).join(', ')}`);
    }
    return out;
  }

  beforeAll(async () => {
    testbed = await startFrrTestbed();
    dir = scratchDir('pdns-geoip');
    mmdbDir = join(dir, 'var-lib-supersparrow');
    await testbed.dumpMrt(join(dir, 'testbed.mrt'));
    copyFileSync(join(dir, 'testbed.mrt'), table());
    // The mmdb's folder is a small filesystem of its own, so that a test can fill it.
    mkdirSync(mmdbDir);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mmdbDir], { stdio: 'pipe' });
      mounted = true;
    } catch (e) {
      throw new Error(`this test mounts a 1 MB tmpfs to fill it, which takes root: ${String(e)}`);
    }
    const pipeGuide = blocks(section('Set up (Debian 12)'));
    const geoGuide = blocks(section("At native speed: PowerDNS's own geoip backend"));
    // Both guides' config lines: the pipe's names and addresses, the geoip's export line.
    const configLines = (exportLine: string): string[] => [
      'route_server mrt',
      `table ${table()}`,
      PEERS,
      `drain_file ${join(dir, 'drain')}`,
      ...pipeGuide[1]!.trim().split('\n'),
      exportLine,
    ];
    writeFileSync(join(dir, 'drain'), '');
    const exportLine = here(geoGuide[1]!.trim());
    expect(exportLine).toMatch(/^export mmdb-classes \S+ pdns_control reload$/);
    writeConfig(join(dir, 'supersparrow.conf'), configLines(exportLine));
    for (const name of ['named.conf', 'example.net.zone'])
      writeFileSync(join(dir, name), here(readFileSync(join(ROOT, 'pdns', name), 'utf8')));
    // Step 4 as written up to pdns's start: the folder and the first file.
    const step4 = geoGuide[2]!.trim().split('\n');
    expect(step4[0]).toMatch(/^install -d /);
    expect(step4[1]).toMatch(/ --export mmdb-classes -o /);
    execFileSync('bash', ['-c', here(step4.slice(0, 2).join('\n'))], {
      env: { PATH: `${join(ROOT, 'bin')}:${process.env.PATH}` },
      stdio: 'pipe',
    });
    const linesOf = (file: string): string[] =>
      here(readFileSync(join(ROOT, 'pdns', file), 'utf8'))
        .split('\n')
        .filter((l) => /^[a-z-]+=/.test(l));
    const installed = 'pdns.d/supersparrow.conf';
    const etcGeoip = join(dir, 'etc-geoip');
    geoip = await startPdns(join(dir, 'supersparrow.conf'), {
      systemConfigWith: { etcPowerdns: etcGeoip, file: installed, lines: linesOf('geoip.conf') },
    });
    pipe = await startPdns(join(dir, 'supersparrow.conf'), {
      systemConfigWith: { etcPowerdns: join(dir, 'etc-pipe'), file: installed, lines: linesOf('pdns.conf') },
    });
    // pdns_control as the guide runs it, at this pdns's socket.
    writeConfig(
      join(dir, 'supersparrow.conf'),
      configLines(exportLine.replace('pdns_control reload', `pdns_control --socket-dir=${geoip.dir} reload`)),
    );
    serve = new MapProgram(['--config', join(dir, 'supersparrow.conf'), '--serve'], { env: { PATH: process.env.PATH } });
    await waitFor('--serve to reload pdns', async () => /ran "pdns_control/.test(serve.stderr), 15_000);
  }, 120_000);

  afterAll(async () => {
    serve?.kill();
    await geoip?.stop();
    await pipe?.stop();
    await testbed?.stop();
    if (mounted) execFileSync('umount', [mmdbDir]);
  });

  it('answers every client as the pipe backend does (A and AAAA), with a scope the answer holds for', async () => {
    for (const type of ['A', 'AAAA'] as const) expect(await answers(geoip, type)).toEqual(await answers(pipe, type));
    // 198.51.100.0/24 goes to POP Y, and so does its whole block.
    const near = await dig(geoip, 'www.example.net', 'A', '198.51.100.0/24');
    expect(near.answers.map((a) => a.data)).toEqual(['192.0.2.20']);
    expect(near.scope).toBeGreaterThanOrEqual(1);
    expect(near.scope).toBeLessThanOrEqual(24);
  }, 60_000);

  it('follows a drain through the zones file alone (the mmdb left as it is) once --serve has run pdns_control reload', async () => {
    const reloads = serve.stderr.match(/ran "pdns_control/g)?.length ?? 0;
    const mmdbWrites = serve.stderr.match(/wrote \S+class\.mmdb /g)?.length ?? 0;
    writeFileSync(join(dir, 'drain'), `${Y}\n`);
    await waitFor('the reload', async () => (serve.stderr.match(/ran "pdns_control/g)?.length ?? 0) > reloads, 10_000);
    const drained = await answers(geoip, 'A');
    expect(drained.join('\n')).not.toMatch(/192\.0\.2\.20/);
    expect(drained).toEqual(await answers(pipe, 'A'));
    expect(serve.stderr.match(/wrote \S+class\.mmdb /g)?.length ?? 0).toBe(mmdbWrites);
    expect(serve.stderr).toMatch(/wrote \S+supersparrow-class\.zones\.yaml \(mmdb-classes answers/);
    writeFileSync(join(dir, 'drain'), '');
    await waitFor(
      'Y back',
      async () => (await dig(geoip, 'www.example.net', 'A', '198.51.100.7/32')).answers[0]?.data === '192.0.2.20',
      10_000,
    );
  }, 60_000);

  it('a file that cannot be written whole (a full disk) never replaces the one in force, nor is pdns reloaded for it', async () => {
    const before = await answers(geoip, 'A');
    const reloads = serve.stderr.match(/ran "pdns_control/g)?.length ?? 0;
    // A 100k-prefix table's mmdb is over 2 MB: it cannot fit the 1 MB folder.
    writeFileSync(`${table()}.new`, randomMrtTable(100_000, 5).dump);
    renameSync(`${table()}.new`, table());
    await waitFor(
      'the refused write',
      async () => /supersparrow-class\.mmdb not written, the previous one left in force: .*ENOSPC/.test(serve.stderr),
      30_000,
    );
    expect(serve.stderr.match(/ran "pdns_control/g)?.length ?? 0).toBe(reloads);
    // What pdns answers from the file in force is what it answered before; nobody got "unknown".
    expect(await answers(geoip, 'A')).toEqual(before);
    // The testbed's table back: the file in force already says it, so nothing is written or reloaded;
    // the next change is written and reloaded again.
    const loads = serve.stderr.match(/route server reloaded/g)?.length ?? 0;
    copyFileSync(join(dir, 'testbed.mrt'), `${table()}.new`);
    renameSync(`${table()}.new`, table());
    await waitFor('the table back', async () => (serve.stderr.match(/route server reloaded/g)?.length ?? 0) > loads, 30_000);
    writeFileSync(join(dir, 'drain'), `${Y}\n`);
    await waitFor('the reload', async () => (serve.stderr.match(/ran "pdns_control/g)?.length ?? 0) > reloads, 30_000);
    expect(await answers(geoip, 'A')).toEqual(await answers(pipe, 'A'));
    writeFileSync(join(dir, 'drain'), '');
  }, 90_000);
});
