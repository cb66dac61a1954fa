import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { BIN, runCli, writeConfig } from '../helpers/cli.js';
import { mrtDump, type MrtWriterRib } from '../helpers/mrt-writer.js';
import { scratchDir } from '../helpers/scratch.js';

const EXAMPLE_CONFIG = fileURLToPath(new URL('../../examples/supersparrow.conf', import.meta.url));
const X = 'www.x.example.net';
const Y = 'www.y.example.net';
const Z = 'www.z.example.net';

/** Runs the CLI on raw bytes, returning raw stdout bytes. */
function runBytes(args: readonly string[], input: Buffer): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: {}, cwd: '/' });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
    child.stdin.end(input);
  });
}

describe('log mode (--log): every line out, in order, its bytes unchanged, its POP first', () => {
  it('annotates hostile lines without changing a byte of them', async () => {
    const lines = [
      Buffer.from('192.168.193.15 - - "GET / HTTP/1.1" 200'),
      Buffer.concat([Buffer.from('10.1.2.3 \xff\xfe invalid utf-8 \x00 nul', 'latin1')]),
      Buffer.from(`203.0.113.9 ${'x'.repeat(1024 * 1024)}`),
      Buffer.from('no address at all'),
      Buffer.from(''),
      Buffer.from('192.168.193.16 with cr\r'),
      Buffer.from('2001:db8:193::1 last line, no newline'),
    ];
    const input = Buffer.concat(lines.flatMap((l, i) => (i < lines.length - 1 ? [l, Buffer.from('\n')] : [l])));
    const { code, stdout, stderr } = await runBytes(['-c', EXAMPLE_CONFIG, '--log'], input);
    expect(code).toBe(0);
    const marks = [Y, Z, X, '-', '-', Y, Y];
    const expected = Buffer.concat(lines.flatMap((l, i) => [Buffer.from(`${marks[i]}\t`), l, Buffer.from('\n')]));
    expect(stdout.equals(expected)).toBe(true);
    expect(stderr).toMatch(/^supersparrow\[\d+\]: end of input: lookups=\d+ [^\n]*\n$/);
  });

  it('reads files in order, gzip by its content, and - as stdin', async () => {
    const dir = scratchDir('logs');
    const plain = join(dir, 'access.log');
    const rotated = join(dir, 'access.log.2');
    writeFileSync(plain, '10.1.2.3 a\n');
    writeFileSync(rotated, gzipSync(Buffer.from('192.168.193.15 b\n203.0.113.9 c\n')));
    const { code, stdout } = await runCli(['-c', EXAMPLE_CONFIG, '--log', rotated, '-', plain], '192.168.192.1 from stdin\n');
    expect(code).toBe(0);
    expect(stdout).toBe(`${Y}\t192.168.193.15 b\n${X}\t203.0.113.9 c\n${X}\t192.168.192.1 from stdin\n${Z}\t10.1.2.3 a\n`);
  });

  it('writes every line of a gzip file with a bad CRC or trailing garbage, as zcat does, then exits 1 saying why', async () => {
    const dir = scratchDir('logs-crc');
    const lines = Array.from({ length: 20_000 }, (_, i) => `192.168.193.${i % 250} line ${i}`);
    const whole = gzipSync(Buffer.from(`${lines.join('\n')}\n`));
    const badCrc = Buffer.from(whole);
    badCrc[badCrc.length - 8]! ^= 0xff;
    for (const [name, data, why] of [
      ['crc.gz', badCrc, /crc\.gz: gzip CRC error/],
      ['trailing.gz', Buffer.concat([whole, Buffer.from('garbage\n')]), /trailing\.gz: trailing garbage after the gzip data/],
    ] as const) {
      writeFileSync(join(dir, name), data);
      const { code, stdout, stderr } = await runCli(['-c', EXAMPLE_CONFIG, '--log', join(dir, name)]);
      expect(code).toBe(1);
      expect(stdout).toBe(lines.map((l) => `${Y}\t${l}\n`).join(''));
      expect(stderr).toMatch(why);
    }
  }, 30_000);

  it("keeps every line before a truncated gzip file's fault, reports it, and exits 1", async () => {
    const dir = scratchDir('logs-cut');
    const whole = gzipSync(Buffer.from(Array.from({ length: 2000 }, (_, i) => `192.168.193.${i % 250} line ${i}`).join('\n')));
    const cut = join(dir, 'access.log.3.gz');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.8)));
    const { code, stdout, stderr } = await runCli(['-c', EXAMPLE_CONFIG, '--log', cut]);
    expect(code).toBe(1);
    const out = stdout.split('\n').filter((l) => l !== '');
    expect(out.length).toBeGreaterThan(100);
    for (const [i, line] of out.entries()) {
      if (i < out.length - 1) expect(line).toBe(`${Y}\t192.168.193.${i % 250} line ${i}`);
    }
    expect(stderr).toMatch(/access\.log\.3\.gz: .*truncated or damaged gzip file.*the lines before it were read/);
  });

  it('finds the client in another field, a JSON key, or an X-Forwarded-For list past the trusted proxies', async () => {
    const byField = await runCli(['-c', EXAMPLE_CONFIG, '--log', '--field', '3'], 'host1 "quoted field" 10.1.2.3 rest\n');
    expect(byField.stdout).toBe(`${Z}\thost1 "quoted field" 10.1.2.3 rest\n`);
    const byJson = await runCli(
      ['-c', EXAMPLE_CONFIG, '--log', '--field', 'remote_addr'],
      '{"remote_addr":"192.168.193.15","status":200}\nnot json\n',
    );
    expect(byJson.stdout).toBe(`${Y}\t{"remote_addr":"192.168.193.15","status":200}\n-\tnot json\n`);
    const byXff = await runCli(
      ['-c', EXAMPLE_CONFIG, '--log', '--field', '2', '--trusted-proxy', '127.0.0.0/8,::1'],
      '127.0.0.1 "192.168.193.15, 10.1.2.3, 127.0.0.1"\n',
    );
    expect(byXff.stdout).toBe(`${Z}\t127.0.0.1 "192.168.193.15, 10.1.2.3, 127.0.0.1"\n`);
  });

  it('never answers self for a table still loading when the input starts', async () => {
    const dir = scratchDir('logs-mrt');
    const ribs: MrtWriterRib[] = Array.from({ length: 200_000 }, (_, i) => ({
      prefix: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}/32`,
      entries: [{ peer: 0, path: [64600] }],
    }));
    ribs.push({ prefix: '192.168.193.0/24', entries: [{ peer: 0, path: [64702, 64602] }] });
    writeFileSync(join(dir, 'rib.mrt'), mrtDump([{ address: '127.0.0.3', asn: 64702 }], ribs));
    const config = writeConfig(join(dir, 'supersparrow.conf'), [
      'route_server mrt',
      'table rib.mrt',
      'peer 64702=y.example',
      'self x.example',
    ]);
    const { code, stdout } = await runCli(
      ['-c', config, '--log'],
      Array.from({ length: 50 }, (_, i) => `192.168.193.${i} l${i}\n`).join(''),
    );
    expect(code).toBe(0);
    expect(
      stdout
        .split('\n')
        .filter((l) => l !== '')
        .every((l) => l.startsWith('y.example\t')),
    ).toBe(true);
  });
});

describe('hints', () => {
  it('batch mode fed whole log lines says to use --log', async () => {
    const { stdout, stderr } = await runCli(['-c', EXAMPLE_CONFIG, '--batch'], '192.168.193.15 - - [30/Nov/2026] "GET / HTTP/1.1" 200 1\n');
    expect(stdout).toBe('NULL\n');
    expect(stderr).toMatch(/these look like whole log lines: --log finds the client in each/);
  });

  it('draws progress on a terminal while lines wait for a route server that is down', async () => {
    const dir = scratchDir('logs-progress');
    writeFileSync(join(dir, 'access.log'), '10.0.0.1 a\n10.0.0.2 b\n');
    // Nothing listens on the closed port: each line waits retry_for for its exact answer.
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const config = writeConfig(join(dir, 'supersparrow.conf'), [
      'route_server zebra',
      `host 127.0.0.1:${closed}`,
      'peer 64702=y.example',
      'self x.example',
      'retry_for 1.5',
    ]);
    const out = await new Promise<string>((resolve) => {
      const child = spawn(
        'script',
        ['-qec', `${process.execPath} ${BIN} -c ${config} --log ${join(dir, 'access.log')} 2>&1 >/dev/null`, '/dev/null'],
        { env: { TERM: 'xterm' } },
      );
      let text = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString();
      });
      child.once('close', () => resolve(text));
    });
    expect(out).toMatch(/2 lines, \d+ lines\/s, 100\.0 %/);
  }, 30_000);
});

describe("the route's own AS path in every summary row and log record", () => {
  it('cached, widened or asked, an MRT table gives each line the path of its route', async () => {
    const dir = scratchDir('logs-path');
    const ribs: MrtWriterRib[] = [
      { prefix: '192.168.193.0/24', entries: [{ peer: 0, path: [64702, 64602] }] },
      { prefix: '10.0.0.0/8', entries: [{ peer: 0, path: [64600, 64601] }] },
    ];
    writeFileSync(join(dir, 'rib.mrt'), mrtDump([{ address: '127.0.0.3', asn: 64702 }], ribs));
    const config = writeConfig(join(dir, 'supersparrow.conf'), [
      'route_server mrt',
      'table rib.mrt',
      'peer 64702=y.example',
      'self x.example',
    ]);
    const log = Array.from(
      { length: 200 },
      (_, i) => `192.168.193.${i % 250} - - [01/Dec/2026:18:00:00 +0000] "GET / HTTP/1.1" 200 1\n`,
    ).join('');
    const summary = await runCli(['-c', config, '--summary', '--format', 'json'], log);
    expect(summary.code).toBe(0);
    const rows = (JSON.parse(summary.stdout) as { top_prefixes: Array<{ prefix: string; as_path: string; requests: number }> })
      .top_prefixes;
    expect(rows.map((r) => [r.prefix, r.as_path, r.requests])).toEqual([['192.168.193.0/24', '64702 64602', 200]]);
    // Batch records over repeated keys: most answers come from the cache.
    const keys = Array.from({ length: 200 }, (_, i) => `192.168.193.${i % 20}\n`).join('');
    const records = await runCli(['-c', config, '--batch', '--format', 'json'], keys);
    const paths = new Set(
      records.stdout
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => (JSON.parse(l) as { as_path: string }).as_path),
    );
    expect([...paths]).toEqual(['64702 64602']);
  });
});

describe('--summary and --format', () => {
  const log = ['192.168.193.15 a', '192.168.193.15 b', '192.168.193.16 c', '10.1.2.3 d', '203.0.113.9 e', 'junk f'].join('\n');

  it('prints per-POP totals and the top prefixes as a table', async () => {
    const { code, stdout } = await runCli(['-c', EXAMPLE_CONFIG, '--summary'], `${log}\n`);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^POP +requests +share +clients +prefixes\n/);
    expect(stdout).toMatch(/www\.y\.example\.net +3 +60\.0 % +2 +1\n/);
    expect(stdout).toMatch(/6 lines: 5 answered, 1 without an address, 0 failed lookups/);
    expect(stdout).toMatch(/192\.168\.193\.0\/24 +64702 64602 +www\.y\.example\.net +3/);
  });

  it("says where a drained POP's clients would go, and speaks JSON", async () => {
    const { stdout } = await runCli(['-c', EXAMPLE_CONFIG, '--summary', '--without', '64701', '--format', 'json'], `${log}\n`);
    const summary = JSON.parse(stdout) as { without: { pops: string[]; requests: number; moves: Array<{ to: string; requests: number }> } };
    expect(summary.without).toMatchObject({ pops: [Z], requests: 1, moves: [{ to: Y, requests: 1 }] });
    // Several --without: those POPs drained together, every one of them counted.
    const both = await runCli(['-c', EXAMPLE_CONFIG, '--summary', '--without', '64701', '--without', Y, '--format', 'json'], `${log}\n`);
    expect(JSON.parse(both.stdout).without).toEqual({
      pops: [Z, Y],
      requests: 4,
      moves: [{ to: 'www.x.example.net', requests: 4, share: 80 }],
    });
    const unknown = await runCli(['-c', EXAMPLE_CONFIG, '--summary', '--without', 'nowhere.example'], `${log}\n`);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--without nowhere\.example is not a configured POP/);
  });

  it('gives batch and one-shot records that tell the kinds of self apart, one line per key', async () => {
    const batch = await runCli(
      ['-c', EXAMPLE_CONFIG, '--batch', '--format', 'tsv'],
      '192.168.193.15\n203.0.113.9\n198.18.0.1\ngar\tbage\n',
    );
    expect(batch.stdout).toBe(
      [
        `192.168.193.15\t${Y}\tpeer\t192.168.193.0/24\t64702 64602\t-\t-\t-`,
        `203.0.113.9\t${X}\tno-route\t-\t-\t-\t-\t-`,
        `198.18.0.1\t${X}\tno-peer\t198.18.0.0/24\tLocal\t-\t-\t-`,
        'gar\\tbage\tNULL\tinvalid-key\t-\t-\t-\t-\t-',
        '',
      ].join('\n'),
    );
    const once = await runCli(['-c', EXAMPLE_CONFIG, '--format', 'json', '10.1.2.3']);
    expect(JSON.parse(once.stdout)).toEqual({
      key: '10.1.2.3',
      answer: Z,
      reason: 'peer',
      prefix: '10.1.0.0/16',
      as_path: '64702 64701 64605',
      skipped: [],
      ranking: null,
      plan: null,
    });
  });
});
