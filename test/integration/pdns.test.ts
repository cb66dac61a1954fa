import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeConfig, testbedConfigLines } from '../helpers/cli.js';
import { startFrrTestbed, type FrrTestbed } from '../helpers/frr-testbed.js';
import { dig, startPdns, type Pdns } from '../helpers/pdns.js';
import { FAR, ROUTE_CASES, X, Y, Z } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';
import { mapCli } from '../helpers/apache-site.js';

/** Each POP host's addresses; FAR has none, so it is answered with a CNAME. */
const ADDRESSES: Record<string, readonly [string, string]> = {
  [X]: ['192.0.2.10', '2001:db8:53::10'],
  [Y]: ['192.0.2.20', '2001:db8:53::20'],
  [Z]: ['192.0.2.30', '2001:db8:53::30'],
};

describe('PowerDNS with supersparrow as its pipe backend, in front of a real bgpd', () => {
  let testbed: FrrTestbed;
  let pdns: Pdns;

  beforeAll(async () => {
    testbed = await startFrrTestbed();
    const config = writeConfig(join(scratchDir('pdns-map'), 'supersparrow.conf'), [
      ...testbedConfigLines(testbed.vtyPort),
      'deadline 200',
      'timeout 1',
      'dns_name www.example.net',
      'dns_zone example.net',
      ...Object.entries(ADDRESSES).map(([host, [v4, v6]]) => `address ${host} ${v4} ${v6}`),
    ]);
    pdns = await startPdns(config);
  }, 60_000);
  afterAll(async () => {
    await pdns?.stop();
    await testbed?.stop();
  });

  it.each(ROUTE_CASES.map(([address, pop]) => [address, pop] as const))('a client in %s gets %s, for A and AAAA', async (address, pop) => {
    const subnet = `${address}/${address.includes(':') ? 128 : 32}`;
    for (const type of ['A', 'AAAA']) {
      const r = await dig(pdns, 'www.example.net', type, subnet);
      if (pop === FAR) {
        // No address is configured for this POP: a CNAME to its name (here inside the zone and
        // served by no one, so pdns's chase of it ends in NXDOMAIN).
        expect(r.answers[0]).toMatchObject({ type: 'CNAME', data: `${FAR}.` });
      } else {
        expect(r.status).toBe('NOERROR');
        expect(r.answers.filter((a) => a.type === type).map((a) => a.data)).toEqual([ADDRESSES[pop]![type === 'A' ? 0 : 1]]);
      }
      expect(r.scope).toBeGreaterThan(0);
    }
  });

  it("keeps clients apart through pdns's default caches", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await dig(pdns, 'www.example.net', 'A', '192.168.193.0/24')).answers[0]?.data).toBe(ADDRESSES[Y]![0]);
      expect((await dig(pdns, 'www.example.net', 'A', '10.1.2.0/24')).answers[0]?.data).toBe(ADDRESSES[Z]![0]);
      expect((await dig(pdns, 'www.example.net', 'A', '192.168.192.0/24')).answers[0]?.data).toBe(ADDRESSES[X]![0]);
    }
  });

  it('gives the matched prefix as scope, narrower where a more-specific route lies inside', async () => {
    await dig(pdns, 'www.example.net', 'A', '198.51.100.7/32');
    const whole = await dig(pdns, 'www.example.net', 'A', '198.51.100.9/32');
    expect(whole.scope).toBe(24);
    await dig(pdns, 'www.example.net', 'A', '10.9.9.9/32');
    // 10.0.0.0/8 holds 10.1.0.0/16 (another POP): the widest prefix around 10.9.9.10 without it is 10.8.0.0/13.
    const holed = await dig(pdns, 'www.example.net', 'A', '10.9.9.10/32');
    expect(holed.answers[0]?.data).toBe(ADDRESSES[X]![0]);
    expect(holed.scope).toBe(13);
  });

  it('answers the apex SOA and NS with scope 0, NODATA and NXDOMAIN correctly', async () => {
    const soa = await dig(pdns, 'example.net', 'SOA', '192.168.193.0/24');
    expect(soa.answers[0]).toMatchObject({ type: 'SOA' });
    expect(soa.scope ?? 0).toBe(0);
    expect((await dig(pdns, 'example.net', 'NS')).answers.map((a) => a.data)).toEqual(['ns1.example.net.']);
    const nodata = await dig(pdns, 'www.example.net', 'MX', '192.168.193.0/24');
    expect([nodata.status, nodata.answers.length]).toEqual(['NOERROR', 0]);
    expect((await dig(pdns, 'nothing.example.net', 'A')).status).toBe('NXDOMAIN');
  });

  it('answers within the deadline with self while bgpd hangs, then the real answer again', async () => {
    testbed.pause();
    try {
      // Clients in prefixes not asked before: nothing cached can answer them.
      for (const subnet of ['203.0.114.1/32', '203.0.115.1/32', '2001:db8:fffe::1/128']) {
        const r = await dig(pdns, 'www.example.net', 'A', subnet);
        expect(r.status).toBe('NOERROR');
        expect(r.answers[0]?.data).toBe(ADDRESSES[X]![0]);
        expect(r.answers[0]!.ttl).toBeLessThanOrEqual(5);
        expect(r.ms).toBeLessThan(1500);
      }
    } finally {
      testbed.resume();
    }
    const deadline = Date.now() + 10_000;
    let ttl = 0;
    for (let i = 0; Date.now() < deadline; i++) {
      ttl = (await dig(pdns, 'www.example.net', 'A', `203.0.116.${i + 1}/32`)).answers[0]?.ttl ?? 0;
      if (ttl === 20) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(ttl).toBe(20);
  }, 30_000);
});

describe("the pdns/ guide's recipe: the zone from a file (bind backend), the steered name from supersparrow", () => {
  it("serves the zone file's records and the steered name side by side", async () => {
    const testbed = await startFrrTestbed();
    const dir = scratchDir('pdns-bind');
    const shipped = (name: string): string => readFileSync(fileURLToPath(new URL(`../../pdns/${name}`, import.meta.url)), 'utf8');
    writeFileSync(join(dir, 'example.net.zone'), shipped('example.net.zone'));
    writeFileSync(join(dir, 'named.conf'), shipped('named.conf').replace('/etc/powerdns/example.net.zone', join(dir, 'example.net.zone')));
    const config = writeConfig(join(dir, 'supersparrow.conf'), [
      ...testbedConfigLines(testbed.vtyPort),
      'dns_name www.example.net',
      `address ${Y} 192.0.2.20`,
      `address ${X} 192.0.2.10`,
    ]);
    // The shipped snippet's settings, with this test's paths.
    const snippet = shipped('pdns.conf')
      .split('\n')
      .filter((l) => /^(launch|pipe-abi-version|pipe-timeout|edns-subnet-processing|pipe-regex)=/.test(l));
    const pdns = await startPdns(config, {
      launch: 'bind,pipe',
      extra: [...snippet.filter((l) => !l.startsWith('launch=')), `bind-config=${join(dir, 'named.conf')}`],
    });
    try {
      expect((await dig(pdns, 'example.net', 'SOA')).answers[0]?.data).toMatch(
        /^ns1\.example\.net\. hostmaster\.example\.net\. 2026113001 /,
      );
      expect((await dig(pdns, 'example.net', 'MX')).answers.map((a) => a.data)).toEqual(['10 mail.example.net.']);
      expect((await dig(pdns, 'ns1.example.net', 'A')).answers.map((a) => a.data)).toEqual(['192.0.2.53']);
      // Scoped to the address asked until the prefix is listed and cached (not while the route server's
      // table may still be arriving, its first seconds), then to the prefix.
      const scopes: Array<number | undefined> = [];
      for (let i = 0; i < 20 && scopes.at(-1) !== 24; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 250));
        const near = await dig(pdns, 'www.example.net', 'A', '192.168.193.0/24');
        expect([near.status, near.answers.map((a) => a.data)]).toEqual(['NOERROR', ['192.0.2.20']]);
        scopes.push(near.scope);
        expect((await dig(pdns, 'www.example.net', 'A', '203.0.113.0/24')).answers.map((a) => a.data)).toEqual(['192.0.2.10']);
      }
      expect(scopes.every((s) => s === 24 || s === 32)).toBe(true);
      expect(scopes.at(-1)).toBe(24);
      expect((await dig(pdns, 'nothing.example.net', 'A')).status).toBe('NXDOMAIN');
    } finally {
      await pdns.stop();
      await testbed.stop();
    }
  }, 60_000);
});

describe('pdns/README.md, followed step by step', () => {
  it("runs the guide's config, files, check and dig commands as written, paths aside", async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
    const dir = scratchDir('pdns-guide');
    const guide = readFileSync(join(root, 'pdns/README.md'), 'utf8');
    // Code blocks, without the indent of the list item they sit in.
    const blocks = [...guide.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/^ {3}/gm, ''));
    // Where the guide's installed paths are here (step 1 installs with apt and npm; here they are already).
    // pdns's user reaches the CLI where www-data can: a copy outside the checkout.
    const installedRoot = dirname(dirname(mapCli()));
    chmodSync(dir, 0o755);
    const here = (text: string): string =>
      text
        .replaceAll('/usr/bin/node', process.execPath)
        .replaceAll('/usr/lib/node_modules/supersparrow', installedRoot)
        .replaceAll('/etc/supersparrow.conf', join(dir, 'supersparrow.conf'))
        .replaceAll('/etc/powerdns/', `${dir}/`);
    const testbed = await startFrrTestbed();
    try {
      // Step 2: the guide's config lines, after the route server's.
      const config = writeConfig(join(dir, 'supersparrow.conf'), [
        ...testbedConfigLines(testbed.vtyPort).filter((l) => !l.startsWith('self ')),
        ...blocks[1]!.trim().split('\n'),
      ]);
      // Step 3: the shipped files, and the snippet's lines.
      for (const name of ['named.conf', 'example.net.zone'])
        writeFileSync(join(dir, name), here(readFileSync(join(root, 'pdns', name), 'utf8')));
      const lines = here(readFileSync(join(root, 'pdns/pdns.conf'), 'utf8'))
        .split('\n')
        .filter((l) => /^[a-z-]+=/.test(l));
      // Step 2's sharing, as written: the group, the file root's and the group's, pdns in it, checked as pdns.
      const sharing = here(blocks[2]!).replace(/^supersparrow /m, `${process.execPath} ${mapCli()} --config ${config} `);
      try {
        const shared = spawnSync('bash', ['-c', sharing], { encoding: 'utf8' });
        expect(shared.stdout).toMatch(/^ok +config +.* read as pdns$/m);
        expect(shared.stdout).toMatch(/^configuration OK$/m);
        // Without pdns in the group, the same check says it cannot read the file.
        execFileSync('gpasswd', ['-d', 'pdns', 'supersparrow'], { stdio: 'ignore' });
        const alone = spawnSync(
          'bash',
          [
            '-c',
            sharing
              .split('\n')
              .filter((l) => !l.startsWith('usermod'))
              .join('\n'),
          ],
          { encoding: 'utf8' },
        );
        expect([alone.status, alone.stderr]).toEqual([1, expect.stringMatching(/EACCES.*may not read it/)]);
      } finally {
        execFileSync('bash', ['-c', 'usermod -aG supersparrow pdns']);
      }
      // Step 4: the check, as written: the co-process as pdns, with its groups.
      const step4 = blocks[3]!.split(/\n(?=\S)/);
      const check = execFileSync('bash', ['-c', here(step4[0]!)], { encoding: 'utf8' });
      execFileSync('gpasswd', ['-d', 'pdns', 'supersparrow'], { stdio: 'ignore' });
      // 203.0.113.0/24 has no route in the testbed: self, www.x.example.net, whose first address is 192.0.2.10.
      expect(check).toMatch(/^OK\tsupersparrow \S+ pipe backend \(abi 3\)\nDATA\t32\t1\twww\.example\.net\tIN\tA\t20\t1\t192\.0\.2\.10\n/);
      // Step 3 as written: the snippet as a file of Debian's own pdns.d/, beside its bind.conf.
      const installed = /`(\/etc\/powerdns\/pdns\.d\/[\w.-]+)`/.exec(guide)?.[1];
      expect(installed).toBeDefined();
      const pdns = await startPdns(config, {
        systemConfigWith: { etcPowerdns: dir, file: installed!.replace('/etc/powerdns/', ''), lines },
      });
      try {
        const digs = step4.filter((l) => l.startsWith('dig '));
        expect(digs.length).toBe(2);
        const asked = (command: string): string =>
          execFileSync('bash', ['-c', command.replace('@127.0.0.1', `@127.0.0.1 -p ${pdns.port}`)], { encoding: 'utf8' });
        const near = asked(digs[0]!);
        expect(near).toMatch(/CLIENT-SUBNET: 203\.0\.113\.0\/24\/\d+/);
        expect(near).toMatch(/www\.example\.net\.\s+20\s+IN\s+A\s+192\.0\.2\.10/);
        // 198.51.100.0/24 is reached through POP Y (AS 64702).
        expect(asked(digs[1]!)).toMatch(/www\.example\.net\.\s+20\s+IN\s+A\s+192\.0\.2\.20/);
      } finally {
        await pdns.stop();
      }
    } finally {
      await testbed.stop();
    }
  }, 60_000);
});
