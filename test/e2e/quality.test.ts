import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { BIN, runCli, writeConfig } from '../helpers/cli.js';
import { X, Y, Z } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TABLE = fileURLToPath(new URL('../../examples/paper-network.table', import.meta.url));
const BASE = ['route_server table', `table ${TABLE}`, `self ${X}`, `peer 64700=${X},64701=${Z},64702=${Y}`];

/** nginx's combined format with $tcpinfo_rtt appended (field 11): `count` requests from `net`.N at `rttUs` ± a little. */
function combinedLog(net: string, count: number, rttUs: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++)
    lines.push(
      `${net}.${1 + (i % 200)} - - [01/Dec/2026:18:00:${String(i % 60).padStart(2, '0')} +0000] "GET / HTTP/1.1" 200 512 "-" "curl/8" ${rttUs + (i % 7) * 100}`,
    );
  return `${lines.join('\n')}\n`;
}

describe('--quality', () => {
  const dir = scratchDir('quality');

  it("flags the prefix BGP sends to the slower POP, from each POP's own log named by --served-by", async () => {
    // Y's clients in 192.168.193.0/24 (BGP picks Y) see 80 ms there and 20 ms at X; Z's 10.1.0.0/16 is fastest at Z.
    const y = join(dir, 'y-access.log');
    const x = join(dir, 'x-access.log');
    const z = join(dir, 'z-access.log');
    writeFileSync(y, combinedLog('192.168.193', 120, 80_000));
    writeFileSync(x, combinedLog('192.168.193', 60, 20_000) + combinedLog('10.1.7', 60, 45_000));
    writeFileSync(z, combinedLog('10.1.7', 90, 15_000));
    const config = writeConfig(join(dir, 'combined.conf'), [...BASE, 'rtt_field 11 us']);
    const args = ['-c', config, '--quality', '--served-by', Y, '--served-by', X, '--served-by', Z, y, x, z];
    const tsv = await runCli([...args, '--format', 'tsv']);
    expect([tsv.code, tsv.stderr]).toEqual([0, '']);
    expect(tsv.stdout.replace(/\n$/, '').split('\n')).toEqual([
      'prefix\tchosen\trequests\tflagged\tpop\tsamples\tmedian_ms\tp90_ms\twithin',
      `192.168.193.0/24\t${Y}\t180\t1\t${X}\t60\t20.3\t20.6\t`,
      `192.168.193.0/24\t${Y}\t180\t1\t${Y}\t120\t80.3\t80.6\t`,
      `10.1.0.0/16\t${Z}\t150\t0\t${Z}\t90\t15.3\t15.6\t`,
      `10.1.0.0/16\t${Z}\t150\t0\t${X}\t60\t45.3\t45.6\t`,
    ]);
    const text = await runCli(args);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe(
      '54.5 % of 330 requests are sent to a POP 20 ms or more slower (median round trip) than the fastest measured for their prefix, on 50+ samples at each; 0.0 % could not be judged (too few samples at the chosen POP or at any other)',
    );
    expect(text.stdout).toMatch(
      /^192\.168\.193\.0\/24\s+www\.y\.example\.net\s+180\s+60 ms\s+www\.x\.example\.net 20\/21 ms \(60\), www\.y\.example\.net 80\/81 ms \(120\)$/m,
    );
    // With fewer samples required than Z has, nothing changes; with more than X has, nothing can be judged.
    const strict = await runCli([...args, '--quality-samples', '100', '--format', 'json']);
    const report = JSON.parse(strict.stdout) as { slow_requests: number; unjudged_requests: number };
    expect([strict.code, report.slow_requests, report.unjudged_requests]).toEqual([0, 0, 330]);
  });

  it('reads JSON logs that name the serving POP (served_by_field), and counts lines without a round trip apart', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 100; i++) {
      lines.push(JSON.stringify({ client: `192.168.193.${1 + (i % 200)}`, tcpinfo_rtt: String(70_000 + i), pop: Y }));
      lines.push(JSON.stringify({ client: `192.168.193.${1 + (i % 200)}`, tcpinfo_rtt: 30_000 + i, pop: X }));
    }
    lines.push(JSON.stringify({ client: '192.168.193.9', pop: Y }), JSON.stringify({ client: '192.168.193.9', tcpinfo_rtt: 1 }));
    const log = join(dir, 'all.jsonl');
    writeFileSync(log, `${lines.join('\n')}\n`);
    const config = writeConfig(join(dir, 'json.conf'), [...BASE, 'field client', 'rtt_field tcpinfo_rtt', 'served_by_field pop']);
    const run = await runCli(['-c', config, '--quality', '--format', 'json', log]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ requests: 200, slow_requests: 200, slow_share: 1, without_rtt: 1, without_server: 1 });
    expect(report.prefixes[0]).toMatchObject({ prefix: '192.168.193.0/24', chosen: Y, fastest: X, flagged: true, slower_by_ms: 40 });
  });

  it('says what is missing, with its fix, and measures nothing', async () => {
    const log = join(dir, 'y-access.log');
    const plain = writeConfig(join(dir, 'plain.conf'), BASE);
    const noRtt = await runCli(['-c', plain, '--quality', '--served-by', Y, log]);
    expect([noRtt.code, noRtt.stdout]).toEqual([2, '']);
    expect(noRtt.stderr).toMatch(/add "rtt_field tcpinfo_rtt us".*to the config file/);
    const rtt = writeConfig(join(dir, 'rtt.conf'), [...BASE, 'rtt_field 11 us']);
    const noServer = await runCli(['-c', rtt, '--quality', log]);
    expect([noServer.code, noServer.stderr]).toEqual([2, expect.stringMatching(/give --served-by www\.y\.example\.net/)]);
    const mismatch = await runCli(['-c', rtt, '--quality', '--served-by', Y, '--served-by', X, log]);
    expect([mismatch.code, mismatch.stderr]).toEqual([2, expect.stringMatching(/2 --served-by for 1 log files/)]);
    const stray = await runCli(['-c', rtt, '--served-by', Y, '192.0.2.1']);
    expect([stray.code, stray.stderr]).toEqual([2, expect.stringMatching(/--served-by is for --quality/)]);
  });

  it('shows in docs/quality.md the report the bundled example gives, run as written', () => {
    const guide = readFileSync(join(ROOT, 'docs/quality.md'), 'utf8');
    const block = /```console\n\$ (supersparrow [^\n]*)\n([\s\S]*?)```/.exec(guide)!;
    const script = block[1]!.replace(/^supersparrow /, `${process.execPath} ${BIN} `);
    const output = execFileSync('bash', ['--norc', '-c', script], { cwd: join(ROOT, 'examples/quality'), encoding: 'utf8', env: {} });
    expect(output).toBe(block[2]);
  });
});

describe('--quality on the /24s of a wider prefix', () => {
  const example = join(ROOT, 'examples/quality');
  const logs = ['y', 'x', 'z'].map((pop) => join(example, `${pop}-access.log`));
  const servedBy = [Y, X, Z].flatMap((pop) => ['--served-by', pop]);

  it('judges each /24 with enough samples at two POPs, in every format, and --apply sends a flagged one alone', async () => {
    const dir = scratchDir('quality-blocks');
    const latency = join(dir, 'latency');
    const config = writeConfig(join(dir, 'supersparrow.conf'), [...BASE, 'rtt_field 11 us', `latency_file ${latency}`, 'format tsv']);
    const tsv = await runCli(['-c', config, '--quality', ...servedBy, ...logs]);
    expect(tsv.code).toBe(0);
    const rows = tsv.stdout.split('\n').filter((l) => l.endsWith('\t10.1.0.0/16'));
    expect(rows).toEqual([
      `10.1.9.0/24\t${Z}\t120\t1\t${X}\t60\t18.3\t18.6\t10.1.0.0/16`,
      `10.1.9.0/24\t${Z}\t120\t1\t${Z}\t60\t70.3\t70.6\t10.1.0.0/16`,
      `10.1.7.0/24\t${Z}\t150\t0\t${Z}\t90\t15.3\t15.6\t10.1.0.0/16`,
      `10.1.7.0/24\t${Z}\t150\t0\t${X}\t60\t45.3\t45.6\t10.1.0.0/16`,
    ]);
    const json = await runCli(['-c', config, '--quality', '--format', 'json', ...servedBy, ...logs]);
    const wide = (
      JSON.parse(json.stdout) as {
        prefixes: Array<{ prefix: string; flagged: boolean; blocks: Array<{ prefix: string; flagged: boolean; blocks: unknown[] }> }>;
      }
    ).prefixes.find((p) => p.prefix === '10.1.0.0/16')!;
    expect([wide.flagged, wide.blocks.map((b) => [b.prefix, b.flagged, b.blocks])]).toEqual([
      false,
      [
        ['10.1.9.0/24', true, []],
        ['10.1.7.0/24', false, []],
      ],
    ]);

    const applied = await runCli(['-c', config, '--quality', '--apply', ...servedBy, ...logs]);
    expect(applied.code).toBe(0);
    expect(applied.stderr).toContain('(2 added, 0 kept, 0 withdrawn, 0 refused)');
    expect(
      readFileSync(latency, 'utf8')
        .split('\n')
        .filter((l) => !l.startsWith('#') && l)
        .map((l) => l.split('  #')[0]),
    ).toEqual([`192.168.193.0/24 ${X}`, `10.1.9.0/24 ${X}`]);
    const answers = await runCli(['-c', config, '--batch'], '10.1.9.5\n10.1.7.5\n192.168.193.15\n');
    expect(answers.stdout.split('\n').map((l) => l.split('\t').slice(0, 3).join(' '))).toEqual([
      `10.1.9.5 ${X} latency`,
      `10.1.7.5 ${Z} peer`,
      `192.168.193.15 ${X} latency`,
      '',
    ]);
  });
});

describe("--quality from each POP's --summary --format json", () => {
  const example = join(ROOT, 'examples/quality');
  const pops = [
    ['y', Y],
    ['x', X],
    ['z', Z],
  ] as const;

  it('merges the summaries into the report the logs give, and applies from them', async () => {
    const dir = scratchDir('quality-summaries');
    const latency = join(dir, 'latency');
    const config = writeConfig(join(dir, 'supersparrow.conf'), [...BASE, 'rtt_field 11 us', `latency_file ${latency}`]);
    const summaries: string[] = [];
    for (const [name, pop] of pops) {
      const run = await runCli(['-c', config, '--summary', '--format', 'json', '--served-by', pop, join(example, `${name}-access.log`)]);
      expect(run.code).toBe(0);
      const file = join(dir, `${name}.json`);
      writeFileSync(file, run.stdout);
      summaries.push(file);
    }
    const fromLogs = await runCli([
      '-c',
      config,
      '--quality',
      ...pops.flatMap(([, pop]) => ['--served-by', pop]),
      ...pops.map(([name]) => join(example, `${name}-access.log`)),
    ]);
    const fromSummaries = await runCli(['-c', config, '--quality', ...summaries]);
    expect([fromSummaries.code, fromSummaries.stderr]).toEqual([0, '']);
    expect(fromSummaries.stdout).toBe(fromLogs.stdout);
    expect(fromSummaries.stdout).toContain('10.1.9.0/24');

    const applied = await runCli(['-c', config, '--quality', '--apply', ...summaries]);
    expect([applied.code, applied.stderr]).toEqual([0, expect.stringContaining('(2 added, 0 kept, 0 withdrawn, 0 refused)')]);

    // A summary made without the POP that served it has no round trips to give, and says how to make one.
    const plain = await runCli(['-c', config, '--summary', '--format', 'json', join(example, 'y-access.log')]);
    writeFileSync(join(dir, 'plain.json'), plain.stdout);
    const refused = await runCli(['-c', config, '--quality', join(dir, 'plain.json')]);
    expect([refused.code, refused.stderr]).toEqual([
      2,
      expect.stringMatching(/plain\.json holds no round trips: make it with rtt_field .*--served-by HOST/),
    ]);
    const text = await runCli(['-c', config, '--summary', '--served-by', Y, join(example, 'y-access.log')]);
    expect([text.code, text.stderr]).toEqual([
      2,
      expect.stringMatching(/--served-by with --summary is for --format json with rtt_field set/),
    ]);
  });
});

describe('explore', () => {
  const dir = scratchDir('explore');
  const keys = Array.from({ length: 256 }, (_, n) => `10.1.${n}.9`);

  it("answers a small share of a prefix's clients from its ranking's next POP, the same ones every time, marked explore; log runs never", async () => {
    const config = writeConfig(join(dir, 'explore.conf'), [...BASE, 'explore 10%', 'format tsv']);
    const first = await runCli(['-c', config, '--batch'], `${keys.join('\n')}\n`);
    expect(first.code).toBe(0);
    const rows = first.stdout
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    const explored = rows.filter((r) => r.includes('explore'));
    // 10.1.0.0/16's path is 64702 64701 64605: Z first, then Y.
    expect(explored.every((r) => r.includes(Y))).toBe(true);
    expect(rows.filter((r) => !r.includes('explore')).every((r) => r.includes(Z))).toBe(true);
    expect(explored.length).toBeGreaterThan(10);
    expect(explored.length).toBeLessThan(45);
    const again = await runCli(['-c', config, '--batch'], `${keys.join('\n')}\n`);
    expect(again.stdout).toBe(first.stdout);
    const log = await runCli(['-c', config, '--log'], `${keys.join('\n')}\n`);
    expect(log.stdout).not.toMatch(new RegExp(Y.replace(/\./g, '\\.')));
    const off = writeConfig(join(dir, 'off.conf'), BASE);
    const none = await runCli(['-c', off, '--batch'], `${keys.join('\n')}\n`);
    expect(none.stdout.trim().split('\n')).toEqual(keys.map(() => Z));
  });

  it('never explores to a POP the plan in force moves clients away from', async () => {
    const plan = join(dir, 'plan');
    writeFileSync(plan, `192.168.193.0/24 ${X}  # from ${Y}\n`);
    const config = writeConfig(join(dir, 'relieved.conf'), [...BASE, 'explore 10%', 'format tsv', `plan_file ${plan}`]);
    const rows = (await runCli(['-c', config, '--batch'], `${keys.join('\n')}\n`)).stdout
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    const explored = rows.filter((r) => r.includes('explore'));
    // Y, next after Z, is relieved: the explored clients go on to self, X.
    expect(explored.length).toBeGreaterThan(10);
    expect(explored.every((r) => r.includes(X) && !r.includes(Y))).toBe(true);
    writeFileSync(plan, `192.168.193.0/24 ${X}  # from ${Y}\n`.replace('# from', '# was'));
    const unrelieved = (await runCli(['-c', config, '--batch'], `${keys.join('\n')}\n`)).stdout;
    expect(
      unrelieved
        .split('\n')
        .filter((l) => l.includes('explore'))
        .every((l) => l.includes(Y)),
    ).toBe(true);
  });
});

describe('--quality --apply', () => {
  const dir = scratchDir('quality-apply');

  it('overrides a prefix measured faster elsewhere, answers follow it, and withdraws it once it measures slower than the POP it replaced', async () => {
    const latency = join(dir, 'latency');
    const config = writeConfig(join(dir, 'apply.conf'), [...BASE, 'rtt_field 11 us', `latency_file ${latency}`]);
    const round = async (yUs: number, xUs: number): Promise<{ code: number | null; stderr: string }> => {
      writeFileSync(join(dir, 'y.log'), combinedLog('192.168.193', 120, yUs));
      writeFileSync(join(dir, 'x.log'), combinedLog('192.168.193', 60, xUs));
      const args = ['-c', config, '--quality', '--apply', '--served-by', Y, '--served-by', X, join(dir, 'y.log'), join(dir, 'x.log')];
      return runCli(args);
    };
    const first = await round(80_000, 20_000);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(
      /latency override added: 192\.168\.193\.0\/24 → www\.x\.example\.net: 20\.3 ms median on 60 samples against 80\.3 ms median on 120 samples at www\.y\.example\.net/,
    );
    expect(readFileSync(latency, 'utf8')).toMatch(/^192\.168\.193\.0\/24 www\.x\.example\.net {2}# /m);
    const map = await runCli(['-c', config, '--batch', '--format', 'tsv'], '192.168.193.15\n10.1.2.3\n');
    expect(map.stdout.split('\n').map((l) => l.split('\t').slice(0, 3).join(' '))).toEqual([
      `192.168.193.15 ${X} latency`,
      `10.1.2.3 ${Z} peer`,
      '',
    ]);
    // Measured again, it holds: kept.
    const again = await round(80_000, 20_000);
    expect(again.stderr).toMatch(/1 in .*latency \(0 added, 1 kept, 0 withdrawn, 0 refused\)/);
    // Then X measures worse than Y, which it replaced: withdrawn, and answers go back.
    const worse = await round(30_000, 90_000);
    expect(worse.code).toBe(0);
    expect(worse.stderr).toMatch(
      /latency override withdrawn: 192\.168\.193\.0\/24 → www\.x\.example\.net: measured slower than www\.y\.example\.net, the POP it replaced: 90\.3 ms median on 60 samples against 30\.3 ms median on 120 samples/,
    );
    expect(readFileSync(latency, 'utf8')).not.toMatch(/^192/m);
    expect((await runCli(['-c', config, '--batch'], '192.168.193.15\n')).stdout).toBe(`${Y}\n`);
  });

  it('never sends a prefix to a POP its capacity cannot take within the high watermark', async () => {
    const latency = join(dir, 'latency-capped');
    const config = writeConfig(join(dir, 'capped.conf'), [...BASE, 'rtt_field 11 us', `latency_file ${latency}`, `capacity ${X} 0.1/s`]);
    writeFileSync(join(dir, 'y.log'), combinedLog('192.168.193', 120, 80_000));
    writeFileSync(join(dir, 'x.log'), combinedLog('192.168.193', 60, 20_000));
    const run = await runCli([
      '-c',
      config,
      '--quality',
      '--apply',
      '--served-by',
      Y,
      '--served-by',
      X,
      join(dir, 'y.log'),
      join(dir, 'x.log'),
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/latency override refused: 192\.168\.193\.0\/24 → www\.x\.example\.net: www\.x\.example\.net has no room/);
    expect(readFileSync(latency, 'utf8')).not.toMatch(/^192/m);
  });
});
