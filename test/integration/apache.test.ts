import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { get, rawGet, startApache, type Apache } from '../helpers/apache.js';
import { startFrrTestbed, type FrrTestbed } from '../helpers/frr-testbed.js';
import { mapCli, PER_URL_SNIPPET, client, mapConfig, startSite, WELL_FORMED_LOCATION } from '../helpers/apache-site.js';
import { ROUTE_CASES, X, Y, Z } from '../helpers/route-cases.js';
import { waitFor } from '../helpers/wait.js';

const CASES = ROUTE_CASES.map(([address, pop]) => [address, pop] as const);

describe('Apache with the shipped snippet, in front of a real bgpd', () => {
  let testbed: FrrTestbed;
  let apache: Apache;

  beforeAll(async () => {
    testbed = await startFrrTestbed();
    apache = await startSite(mapConfig(testbed.vtyPort));
  }, 60_000);
  afterAll(async () => {
    await apache?.stop();
    await testbed?.stop();
  });

  it.each(CASES)('client %s is sent to %s', async (address, pop) => {
    const r = await client(apache, address, '/some/page?q=1');
    expect(r.status).toBe(302);
    expect(r.location).toBe(`http://${pop}/some/page?q=1`);
  });

  it('redirects a real IPv6 loopback client (no route: self)', async () => {
    const r = await get(apache.port, '/v6', {}, '::1');
    expect(r.status).toBe(302);
    expect(r.location).toBe(`http://${X}/v6`);
  });

  it('keeps the method of a POST with 307, and GET and HEAD with 302', async () => {
    const headers = { 'X-Forwarded-For': '192.168.193.15' };
    const post = await get(apache.port, '/form', { ...headers, 'Content-Length': '0' }, '127.0.0.1', 5000, 'POST');
    expect([post.status, post.location]).toEqual([307, `http://${Y}/form`]);
    const head = await get(apache.port, '/form', headers, '127.0.0.1', 5000, 'HEAD');
    expect([head.status, head.location]).toEqual([302, `http://${Y}/form`]);
    const fallback = await get(apache.port, '/form', { 'X-Forwarded-For': '203.0.113.9', 'Content-Length': '0' }, '127.0.0.1', 5000, 'PUT');
    expect([fallback.status, fallback.location]).toEqual([307, `http://${X}/form`]);
  });

  it('never redirects a request that already reached a POP name', async () => {
    const r = await get(apache.port, '/index.html', { Host: Y, 'X-Forwarded-For': '192.168.193.15' });
    expect(r.status).toBe(200);
    expect(r.body).toBe('served here\n');
  });

  it('answers every hostile key with a well-formed Location and stays in step', async () => {
    const hostile = [
      'garbage',
      '1.2.3.4, 5.6.7.8',
      'a\tb',
      '\xe9\xe9\xff',
      '"}{|$1 %{REMOTE_ADDR}',
      'x'.repeat(8000),
      '',
      ' ',
      'fe80::1%eth0',
      '::ffff:192.168.193.15',
      '192.168.193.15 show run',
    ];
    for (const key of hostile) {
      const r = await rawGet(apache.port, '/key/p', Buffer.from(`X-Key: ${key}\r\n`, 'latin1'));
      expect(r.status).toBe(302);
      expect(r.location).toMatch(WELL_FORMED_LOCATION);
      expect([`http://${X}/p`, `http://${Y}/p`]).toContain(r.location);
    }
    for (const xff of ['garbage', '1.2.3.4:80', '300.1.1.1', '192.168.193.15\t10.1.2.3', 'x'.repeat(4000)]) {
      const r = await rawGet(apache.port, '/p', Buffer.from(`X-Forwarded-For: ${xff}\r\n`, 'latin1'), 5000, 'www.example.net');
      expect(r.status).toBe(302);
      expect(r.location).toMatch(WELL_FORMED_LOCATION);
    }
    for (const path of ['/pathkey/a%0Db/p', '/pathkey/192.168.193.15%0D/p', '/pathkey/a%0Ab/p', `/pathkey/${'%E9'.repeat(100)}/p`]) {
      const r = await get(apache.port, path, { Host: 'keys.example.net' });
      expect(r.status).toBe(302);
      expect(r.location).toMatch(WELL_FORMED_LOCATION);
    }
    for (let i = 0; i < 40; i++) {
      const [address, pop] = i % 2 ? ['10.1.2.3', Z] : ['192.168.193.15', Y];
      expect((await client(apache, address)).location).toBe(`http://${pop}/page`);
    }
  });

  it('runs the map as the configured user, with an empty environment, not in its own folder', async () => {
    const [pid] = apache.mapPids();
    expect(pid).toBeDefined();
    const environ = (await import('node:fs')).readFileSync(`/proc/${pid}/environ`, 'utf8');
    expect(environ).toBe('');
    const status = (await import('node:fs')).readFileSync(`/proc/${pid}/status`, 'utf8');
    if (process.getuid?.() === 0) expect(status).toMatch(/^Uid:\s+33\s/m);
  });

  it('logs a stats line to the error log on SIGUSR2, with its prefix', async () => {
    const [pid] = apache.mapPids();
    process.kill(pid!, 'SIGUSR2');
    const stats =
      /supersparrow\[\d+\]: stats: lookups=\d+ cache_hits=\d+ route_server_queries=\d+ invalid_keys=\d+ errors=\d+ p50=\S+ p99=\S+/;
    await waitFor('the stats line', () => stats.test(apache.errorLog()), 3000, 50).catch(() => undefined);
    expect(apache.errorLog()).toMatch(stats);
  });
});

describe('the per-URL snippet (paper section 4.2), in front of a real bgpd', () => {
  let testbed: FrrTestbed;
  let apache: Apache;

  beforeAll(async () => {
    testbed = await startFrrTestbed();
    apache = await startApache({
      snippet: PER_URL_SNIPPET,
      remoteIp: true,
      defines: {
        SUPERSPARROW_SELF: X,
        SUPERSPARROW_NODE: process.execPath,
        SUPERSPARROW_CLI: mapCli(),
        SUPERSPARROW_CONFIG: mapConfig(testbed.vtyPort),
        SUPERSPARROW_USER: process.getuid?.() === 0 ? 'www-data:www-data' : `${process.env.USER}:${process.env.USER}`,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await apache?.stop();
    await testbed?.stop();
  });

  it('sends images to the nearest POP and serves pages here', async () => {
    const image = await get(apache.port, '/images/logo.png', { 'X-Forwarded-For': '192.168.193.15' });
    expect(image.status).toBe(302);
    expect(image.location).toBe(`http://${Y}/images/logo.png`);
    const page = await get(apache.port, '/index.html', { 'X-Forwarded-For': '192.168.193.15' });
    expect(page.status).toBe(200);
  });

  it('serves images itself once the request carries a POP name', async () => {
    const r = await get(apache.port, '/images/logo.png', { Host: Y, 'X-Forwarded-For': '192.168.193.15' });
    expect(r.status).toBe(200);
    expect(r.body).toBe('png\n');
  });
});

describe("the guide's check of the map, run as Apache runs it", () => {
  const guide = readFileSync(fileURLToPath(new URL('../../apache/README.md', import.meta.url)), 'utf8');
  /** apache/README.md step 3, as shipped: only the install paths, the config and the address are this test's. */
  const step3 = /\*\*Check the map as Apache will run it\*\*[\s\S]*?```sh\n([\s\S]*?)```/.exec(guide)![1]!.replace(/^ {3}/gm, '');
  function check(cli: string, config: string): { status: number; answer: string } {
    if (process.getuid?.() !== 0) throw new Error("the guide's check switches to www-data: run the suite as root, as .ci/run does");
    // Step 2's group, as its first line makes it.
    execFileSync('bash', ['-c', 'getent group supersparrow >/dev/null || groupadd --system supersparrow']);
    const script = step3
      .replaceAll('"$(npm prefix -g)/lib/node_modules/supersparrow/dist/supersparrow.cjs"', cli)
      .replaceAll('/usr/bin/node', process.execPath)
      .replaceAll('/etc/supersparrow.conf', config)
      .replaceAll('192.0.2.7', '192.168.193.15');
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    return { status: Number(/^status (\d+)$/m.exec(r.stdout)?.[1] ?? -1), answer: r.stdout.split('\n')[0]! };
  }

  it('passes only when the paths, the config and the route server are all right', async () => {
    const testbed = await startFrrTestbed();
    try {
      const config = mapConfig(testbed.vtyPort);
      expect(check(mapCli(), config)).toEqual({ status: 0, answer: Y });
      expect(check('/usr/local/lib/node_modules/supersparrow/dist/supersparrow.cjs', config).status).not.toBe(0);
      expect(check(mapCli(), '/etc/no-such-supersparrow.conf').status).toBe(2);
      const down = mapConfig(testbed.vtyPort);
      await testbed.stop();
      expect(check(mapCli(), down)).toEqual({ status: 1, answer: X });
    } finally {
      await testbed.stop();
    }
  }, 60_000);

  it('fails, as the real map does under Apache, when the config is readable only through a supplementary group', async () => {
    const testbed = await startFrrTestbed();
    const group = `ss-guide-${process.pid}`;
    execFileSync('groupadd', [group]);
    try {
      execFileSync('gpasswd', ['-a', 'www-data', group], { stdio: 'ignore' });
      const config = mapConfig(testbed.vtyPort);
      execFileSync('chown', [`root:${group}`, config]);
      chmodSync(config, 0o640);
      // runuser gives www-data its supplementary groups: it would read the file and pass.
      const runuser = spawnSync('runuser', ['-u', 'www-data', '--', 'test', '-r', config]);
      expect(runuser.status).toBe(0);
      expect(check(mapCli(), config).status).toBe(2);
      // The real map under Apache cannot read it either: every client gets the fallback.
      const apache = await startSite(config);
      try {
        expect((await client(apache, '192.168.193.15')).location).toBe(`http://${X}/page`);
        expect(apache.errorLog()).toMatch(/cannot read config file .*EACCES/);
      } finally {
        await apache.stop();
      }
      // Shared as step 2 says, as shipped: root's, readable by the group supersparrow, which is the
      // map's own group (step 4). The guide's check, the step-3 check and the real map all pass.
      const password = join(dirname(config), 'supersparrow.password');
      writeFileSync(password, 'unused\n');
      const step2 = /^2\. Write `\/etc\/supersparrow\.conf`[\s\S]*?```sh\n([\s\S]*?)```/m.exec(guide)![1]!.replace(/^ {3}/gm, '');
      const run = spawnSync(
        'bash',
        [
          '-c',
          step2
            .replaceAll('/etc/supersparrow.conf', config)
            .replaceAll('/etc/supersparrow.password', password)
            .replace(/^supersparrow /m, `${process.execPath} ${mapCli()} --config ${config} `),
        ],
        { encoding: 'utf8' },
      );
      expect(run.stdout).toMatch(/^ok +config +.* read as www-data:supersparrow$/m);
      expect(run.stdout).toMatch(/^configuration OK$/m);
      expect(check(mapCli(), config)).toEqual({ status: 0, answer: Y });
      const shared = await startSite(config, {}, 'www-data:supersparrow');
      try {
        expect((await client(shared, '192.168.193.15')).location).toBe(`http://${Y}/page`);
      } finally {
        await shared.stop();
      }
    } finally {
      execFileSync('groupdel', [group]);
      await testbed.stop();
    }
  }, 60_000);
});

describe('Apache behind a TLS-terminating proxy (ServerName https://…)', () => {
  it('keeps the https scheme in every redirect, the fallback included', async () => {
    const testbed = await startFrrTestbed();
    const apache = await startSite(mapConfig(testbed.vtyPort), { serverName: 'https://www.example.net:443' });
    try {
      expect((await client(apache, '192.168.193.15', '/p')).location).toBe(`https://${Y}/p`);
      expect((await client(apache, '203.0.113.9', '/p')).location).toBe(`https://${X}/p`);
    } finally {
      await apache.stop();
      await testbed.stop();
    }
  }, 60_000);
});
