import { createSocket } from 'node:dgram';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { PEERS, testbedConfigLines } from '../helpers/cli.js';
import { startFrrTestbed } from '../helpers/frr-testbed.js';
import { type Pdns, startPdns } from '../helpers/pdns.js';
import { CLI, fmt, median } from './figures.js';

/** A query for www.example.net A with an EDNS Client Subnet option for `subnet`/24. */
function query(id: number, subnet: readonly [number, number, number]): Buffer {
  const name = Buffer.from([3, ...Buffer.from('www'), 7, ...Buffer.from('example'), 3, ...Buffer.from('net'), 0]);
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0000, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(1, 10);
  const question = Buffer.concat([name, Buffer.from([0, 1, 0, 1])]);
  const ecs = Buffer.from([0, 8, 0, 7, 0, 1, 24, 0, ...subnet]);
  const opt = Buffer.concat([Buffer.from([0, 0, 41, 0x10, 0, 0, 0, 0, 0, 0, ecs.length]), ecs]);
  return Buffer.concat([header, question, opt]);
}

/** Queries per second through pdns: `count` queries, `window` outstanding, from 256 client /24s. */
function load(port: number, count: number, window = 32): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    let sent = 0;
    let received = 0;
    const started = performance.now();
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`only ${received} of ${count} answers`));
    }, 60_000);
    const send = (): void => {
      const i = sent++;
      const subnets: Array<[number, number, number]> = [
        [192, 168, 193],
        [10, 1, i & 255],
        [10, 9, i & 255],
        [198, 51, 100],
        [203, 0, 113],
      ];
      socket.send(query(i & 0xffff, subnets[i % subnets.length]!), port, '127.0.0.1');
    };
    socket.on('message', () => {
      received++;
      if (received === count) {
        clearTimeout(timer);
        socket.close();
        resolve(count / ((performance.now() - started) / 1000));
      } else if (sent < count) send();
    });
    socket.on('error', reject);
    for (let i = 0; i < window; i++) send();
  });
}

const CONSTANT_PIPE = `#!/usr/bin/env node
const rl = require('node:readline').createInterface({ input: process.stdin });
rl.on('line', (l) => {
  const f = l.split('\\t');
  if (f[0] === 'HELO') process.stdout.write('OK\\tconstant\\n');
  else if (f[0] === 'Q' && f[3] === 'SOA' && f[1].toLowerCase() === 'example.net') process.stdout.write('DATA\\t0\\t1\\texample.net\\tIN\\tSOA\\t20\\t1\\tns1.example.net. hostmaster.example.net. 1 3600 600 604800 20\\nEND\\n');
  else if (f[0] === 'Q' && f[3] !== 'SOA' && f[1].toLowerCase() === 'www.example.net') process.stdout.write('DATA\\t24\\t1\\twww.example.net\\tIN\\tA\\t20\\t1\\t192.0.2.10\\nEND\\n');
  else process.stdout.write('END\\n');
});
`;

export async function dnsBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ss-bench-dns-'));
  chmodSync(dir, 0o755);
  const testbed = await startFrrTestbed();
  const stopping: Pdns[] = [];
  try {
    const config = join(dir, 'supersparrow.conf');
    writeFileSync(
      config,
      [
        ...testbedConfigLines(testbed.vtyPort),
        'dns_name www.example.net',
        'dns_zone example.net',
        'address www.x.example.net 192.0.2.10',
        'address www.y.example.net 192.0.2.20',
        'address www.z.example.net 192.0.2.30',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    const constant = join(dir, 'constant-pipe.js');
    writeFileSync(constant, CONSTANT_PIPE, { mode: 0o755 });
    writeFileSync(
      join(dir, 'example.net.zone'),
      '$ORIGIN example.net.\n$TTL 20\n@ IN SOA ns1 hostmaster 1 3600 600 604800 20\n@ IN NS ns1\nns1 IN A 192.0.2.53\nwww IN A 192.0.2.10\n',
    );
    writeFileSync(join(dir, 'named.conf'), `zone "example.net" { type master; file "${join(dir, 'example.net.zone')}"; };\n`);
    const ours = await startPdns(config);
    stopping.push(ours);
    const stub = await startPdns(config, { pipeCommand: constant });
    stopping.push(stub);
    const zone = await startPdns(config, { launch: 'bind', extra: [`bind-config=${join(dir, 'named.conf')}`] });
    stopping.push(zone);
    // PowerDNS's geoip backend on the mmdb export of the same route server's table (an MRT dump of it).
    await testbed.dumpMrt(join(dir, 'rib.mrt'));
    const mrtConfig = join(dir, 'mrt.conf');
    writeFileSync(mrtConfig, ['route_server mrt', `table ${join(dir, 'rib.mrt')}`, PEERS, 'self www.x.example.net', ''].join('\n'));
    execFileSync(process.execPath, [CLI, '--config', mrtConfig, '--export', 'mmdb', '-o', join(dir, 'pop.mmdb')], { stdio: 'pipe' });
    writeFileSync(
      join(dir, 'geoip-zones.yaml'),
      `domains:\n- domain: example.net\n  ttl: 20\n  records:\n${[
        ['www.x.example.net', '192.0.2.10'],
        ['www.y.example.net', '192.0.2.20'],
        ['www.z.example.net', '192.0.2.30'],
      ]
        .map(([host, a]) => `    ${host}:\n      - a: ${a}\n`)
        .join('')}  services:\n    www.example.net: '%ci'\n`,
    );
    writeFileSync(
      join(dir, 'apex.zone'),
      '$ORIGIN example.net.\n$TTL 20\n@ IN SOA ns1 hostmaster 1 3600 600 604800 20\n@ IN NS ns1\nns1 IN A 192.0.2.53\n',
    );
    writeFileSync(join(dir, 'apex.conf'), `zone "example.net" { type master; file "${join(dir, 'apex.zone')}"; };\n`);
    const geoip = await startPdns(config, {
      launch: 'bind,geoip',
      extra: [
        `bind-config=${join(dir, 'apex.conf')}`,
        `geoip-database-files=${join(dir, 'pop.mmdb')}`,
        `geoip-zones-file=${join(dir, 'geoip-zones.yaml')}`,
      ],
    });
    stopping.push(geoip);
    for (const p of [ours, stub, zone, geoip]) await load(p.port, 2000);
    const rates: Record<string, number[]> = { ours: [], stub: [], zone: [], geoip: [] };
    for (let round = 0; round < 3; round++) {
      rates.ours!.push(await load(ours.port, 10_000));
      rates.stub!.push(await load(stub.port, 10_000));
      rates.zone!.push(await load(zone.port, 10_000));
      rates.geoip!.push(await load(geoip.port, 10_000));
    }
    const [o, s, z, g] = [median(rates.ours!), median(rates.stub!), median(rates.zone!), median(rates.geoip!)];
    console.log(
      'PowerDNS 4.7 (1 receiver, 1 distributor, default caches), 10k ECS queries for www.example.net, 32 outstanding, median of 3:',
    );
    console.log(
      `  supersparrow pipe backend ${fmt(o, 0)} q/s, a do-nothing pipe co-process answering a constant ${fmt(s, 0)} q/s, a static zone file ${fmt(z, 0)} q/s`,
    );
    console.log(`  ratio to the do-nothing co-process ${fmt(o / s)}, to the zone file ${fmt(o / z)}`);
    console.log(
      `  PowerDNS's geoip backend on supersparrow's mmdb export ${fmt(g, 0)} q/s: ratio to the pipe backend ${fmt(g / o)}, to the zone file ${fmt(g / z)}`,
    );
  } finally {
    for (const p of stopping) await p.stop();
    await testbed.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
